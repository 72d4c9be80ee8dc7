package io.vigil.compiler.parser;

import static java.util.Objects.requireNonNull;

import io.vigil.compiler.grammar.DetectionRuleLexer;
import io.vigil.compiler.grammar.DetectionRuleParser;
import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.compiler.source.Diagnostic;
import io.vigil.compiler.source.DiagnosticCode;
import io.vigil.compiler.source.RuleText;
import io.vigil.compiler.source.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Parses one rule file of the Vigil rule language into a {@link CompiledRule}. Parsing is strict:
 * nothing is repaired, and every problem becomes a {@link Diagnostic} with its position.
 */
public final class RuleParser {
    /** Rule files larger than this are refused before parsing. */
    public static final int MAX_RULE_CHARS = 4 * 1024 * 1024;

    private RuleParser() {
    }

    /** The outcome of parsing one file: the rule when it compiled, and every diagnostic. */
    public record Result(Optional<CompiledRule> rule, List<Diagnostic> diagnostics) {
        public Result {
            requireNonNull(rule, "rule is null");
            diagnostics = List.copyOf(requireNonNull(diagnostics, "diagnostics is null"));
        }
    }

    public static Result parse(RuleText source) {
        requireNonNull(source, "source is null");
        List<Diagnostic> diagnostics = new ArrayList<>();
        if (source.text().length() > MAX_RULE_CHARS) {
            diagnostics.add(new Diagnostic(new SourcePosition(source.sourceName(), 1, 1), DiagnosticCode.RULE_TOO_LARGE,
                    "rule is too large (more than " + MAX_RULE_CHARS + " characters)"));
            return new Result(Optional.empty(), diagnostics);
        }
        DetectionRuleParser.RuleFileContext tree;
        try {
            tree = parseTree(source, diagnostics);
        } catch (StackOverflowError e) {
            diagnostics.add(new Diagnostic(new SourcePosition(source.sourceName(), 1, 1), DiagnosticCode.RULE_TOO_LARGE,
                    "rule is too large (nesting too deep)"));
            return new Result(Optional.empty(), diagnostics);
        }
        if (tree == null) {
            return new Result(Optional.empty(), diagnostics);
        }
        try {
            RuleBuilder builder = new RuleBuilder(source.sourceName(), diagnostics);
            Optional<CompiledRule> rule = builder.build(tree);
            return new Result(diagnostics.isEmpty() ? rule : Optional.empty(), diagnostics);
        } catch (StackOverflowError e) {
            diagnostics.add(new Diagnostic(new SourcePosition(source.sourceName(), 1, 1), DiagnosticCode.RULE_TOO_LARGE,
                    "rule is too large (nesting too deep)"));
            return new Result(Optional.empty(), diagnostics);
        }
    }

    private static DetectionRuleParser.RuleFileContext parseTree(RuleText source, List<Diagnostic> diagnostics) {
        DetectionRuleLexer lexer = new DetectionRuleLexer(CharStreams.fromString(source.text(), source.sourceName()));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        DetectionRuleParser parser = new DetectionRuleParser(tokens);
        parser.removeErrorListeners();
        // first pass: fast SLL prediction, bail out on the first error
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return parser.ruleFile();
        } catch (ParseCancellationException e) {
            // second pass: full LL prediction, to get an exact message
        }
        tokens.seek(0);
        parser.reset();
        parser.getInterpreter().setPredictionMode(PredictionMode.LL);
        SyntaxErrors errors = new SyntaxErrors(source.sourceName());
        parser.addErrorListener(errors);
        parser.setErrorHandler(new StrictErrorStrategy());
        try {
            DetectionRuleParser.RuleFileContext tree = parser.ruleFile();
            if (errors.first() == null) {
                return tree;
            }
        } catch (ParseCancellationException e) {
            // reported through the listener
        }
        Diagnostic first = errors.first();
        if (first == null) {
            first = new Diagnostic(new SourcePosition(source.sourceName(), 1, 1), DiagnosticCode.SYNTAX, "syntax error");
        }
        diagnostics.add(first);
        return null;
    }
}
