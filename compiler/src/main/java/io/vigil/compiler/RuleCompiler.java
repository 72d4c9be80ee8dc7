package io.vigil.compiler;

import static java.util.Objects.requireNonNull;

import io.vigil.compiler.parser.RuleParser;
import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.compiler.source.Diagnostic;
import io.vigil.compiler.source.DiagnosticCode;
import io.vigil.compiler.source.RuleCompileException;
import io.vigil.compiler.source.RuleText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles rule files to predicate trees. {@link #check} collects every diagnostic of every file;
 * {@link #compile} fails fast when any file has one.
 */
public final class RuleCompiler {
    private RuleCompiler() {
    }

    /** The rules that compiled and every diagnostic, in input order. */
    public record Result(List<CompiledRule> rules, List<Diagnostic> diagnostics) {
        public Result {
            rules = List.copyOf(requireNonNull(rules, "rules is null"));
            diagnostics = List.copyOf(requireNonNull(diagnostics, "diagnostics is null"));
        }
    }

    /** Collect mode: compiles what it can and reports everything else. */
    public static Result check(List<RuleText> sources) {
        List<CompiledRule> rules = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        Map<String, CompiledRule> byId = new LinkedHashMap<>();
        for (RuleText source : sources) {
            RuleParser.Result result = RuleParser.parse(source);
            diagnostics.addAll(result.diagnostics());
            if (result.rule().isEmpty()) {
                continue;
            }
            CompiledRule rule = result.rule().get();
            CompiledRule previous = byId.putIfAbsent(rule.id(), rule);
            if (previous != null) {
                diagnostics.add(new Diagnostic(rule.position(), DiagnosticCode.DUPLICATE_RULE_ID,
                        "duplicate rule id '" + rule.id() + "', first defined at " + previous.position()));
                continue;
            }
            rules.add(rule);
        }
        return new Result(rules, diagnostics);
    }

    /** Fail-fast mode, used when an engine starts. */
    public static List<CompiledRule> compile(List<RuleText> sources) throws RuleCompileException {
        Result result = check(sources);
        if (!result.diagnostics().isEmpty()) {
            throw new RuleCompileException(result.diagnostics());
        }
        return result.rules();
    }
}
