package io.vigil.compiler.parser;

import static java.util.Objects.requireNonNull;

import io.vigil.compiler.ast.SigmaCondition;
import io.vigil.compiler.grammar.SigmaConditionLexer;
import io.vigil.compiler.grammar.SigmaConditionParser.SigmaConditionContext;
import io.vigil.compiler.source.Diagnostic;
import io.vigil.compiler.source.DiagnosticCode;
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
 * Parses the condition expression of a Sigma rule. Parsing is strict, as for the rule language:
 * nothing is repaired, and a problem is a {@link Diagnostic} placed in the rule file.
 */
public final class SigmaConditionParser {
    /** Conditions longer than this are refused. */
    public static final int MAX_CONDITION_CHARS = 64 * 1024;

    private SigmaConditionParser() {
    }

    /** Maps a position inside the condition text (1-based line, 0-based column) to the rule file. */
    @FunctionalInterface
    public interface Positions {
        SourcePosition at(int line, int charPositionInLine);
    }

    /** The parsed condition, or the diagnostics that prevented it. */
    public record Result(Optional<SigmaCondition> condition, List<Diagnostic> diagnostics) {
        public Result {
            requireNonNull(condition, "condition is null");
            diagnostics = List.copyOf(requireNonNull(diagnostics, "diagnostics is null"));
        }
    }

    public static Result parse(String text, Positions positions) {
        requireNonNull(text, "text is null");
        requireNonNull(positions, "positions is null");
        List<Diagnostic> diagnostics = new ArrayList<>();
        if (text.length() > MAX_CONDITION_CHARS) {
            diagnostics.add(new Diagnostic(positions.at(1, 0), DiagnosticCode.RULE_TOO_LARGE,
                    "condition is too large (more than " + MAX_CONDITION_CHARS + " characters)"));
            return new Result(Optional.empty(), diagnostics);
        }
        if (text.isBlank()) {
            diagnostics.add(new Diagnostic(positions.at(1, 0), DiagnosticCode.SYNTAX, "condition is empty"));
            return new Result(Optional.empty(), diagnostics);
        }
        try {
            SigmaConditionContext tree = parseTree(text, positions, diagnostics);
            if (tree == null) {
                return new Result(Optional.empty(), diagnostics);
            }
            SigmaCondition condition = new SigmaConditionBuilder(positions, diagnostics).build(tree);
            return new Result(diagnostics.isEmpty() ? Optional.of(condition) : Optional.empty(), diagnostics);
        } catch (StackOverflowError e) {
            diagnostics.add(new Diagnostic(positions.at(1, 0), DiagnosticCode.RULE_TOO_LARGE,
                    "condition is too large (nesting too deep)"));
            return new Result(Optional.empty(), diagnostics);
        }
    }

    private static SigmaConditionContext parseTree(String text, Positions positions, List<Diagnostic> diagnostics) {
        SigmaConditionLexer lexer = new SigmaConditionLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        io.vigil.compiler.grammar.SigmaConditionParser parser = new io.vigil.compiler.grammar.SigmaConditionParser(tokens);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return parser.sigmaCondition();
        } catch (ParseCancellationException e) {
            // retry with full LL prediction for an exact message
        }
        tokens.seek(0);
        parser.reset();
        parser.getInterpreter().setPredictionMode(PredictionMode.LL);
        ConditionSyntaxErrors errors = new ConditionSyntaxErrors(positions);
        parser.addErrorListener(errors);
        parser.setErrorHandler(new StrictErrorStrategy());
        try {
            SigmaConditionContext tree = parser.sigmaCondition();
            if (errors.first() == null) {
                return tree;
            }
        } catch (ParseCancellationException e) {
            // reported through the listener
        }
        Diagnostic first = errors.first();
        diagnostics.add(first != null ? first
                : new Diagnostic(positions.at(1, 0), DiagnosticCode.SYNTAX, "syntax error in condition"));
        return null;
    }
}
