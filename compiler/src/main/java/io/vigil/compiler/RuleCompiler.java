package io.vigil.compiler;

import static java.util.Objects.requireNonNull;

import io.vigil.compiler.lower.SigmaLowering;
import io.vigil.compiler.mapping.SigmaConfig;
import io.vigil.compiler.parser.RuleParser;
import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.compiler.sigma.SigmaRuleReader;
import io.vigil.compiler.source.Diagnostic;
import io.vigil.compiler.source.DiagnosticCode;
import io.vigil.compiler.source.RuleCompileException;
import io.vigil.compiler.source.RuleText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles rule files to predicate trees: native {@code .rule} files through the rule-language
 * parser, Sigma {@code .yml}/{@code .yaml} files through the Sigma reader and the field mapping.
 * Both end in the same {@link CompiledRule}. {@link #check} collects every diagnostic of every
 * file; {@link #compile} fails fast when any file has an error. Warnings never reject a rule.
 */
public final class RuleCompiler {
    private RuleCompiler() {
    }

    /** The outcome of one rule file: its rule when it loaded, and its diagnostics. */
    public record FileResult(String sourceName, Optional<CompiledRule> rule, List<Diagnostic> diagnostics) {
        public FileResult {
            requireNonNull(sourceName, "sourceName is null");
            requireNonNull(rule, "rule is null");
            diagnostics = List.copyOf(requireNonNull(diagnostics, "diagnostics is null"));
        }

        public boolean loaded() {
            return rule.isPresent();
        }

        public List<Diagnostic> errors() {
            return diagnostics.stream().filter(Diagnostic::isError).toList();
        }

        public List<Diagnostic> warnings() {
            return diagnostics.stream().filter(d -> !d.isError()).toList();
        }
    }

    /** The rules that compiled, every diagnostic (errors and warnings) and each file's outcome, in input order. */
    public record Result(List<CompiledRule> rules, List<Diagnostic> diagnostics, List<FileResult> files) {
        public Result {
            rules = List.copyOf(requireNonNull(rules, "rules is null"));
            diagnostics = List.copyOf(requireNonNull(diagnostics, "diagnostics is null"));
            files = List.copyOf(requireNonNull(files, "files is null"));
        }

        public Result(List<CompiledRule> rules, List<Diagnostic> diagnostics) {
            this(rules, diagnostics, List.of());
        }

        public List<Diagnostic> errors() {
            return diagnostics.stream().filter(Diagnostic::isError).toList();
        }

        public List<Diagnostic> warnings() {
            return diagnostics.stream().filter(d -> !d.isError()).toList();
        }

        public boolean hasErrors() {
            return diagnostics.stream().anyMatch(Diagnostic::isError);
        }
    }

    /** True for a Sigma rule file: its name ends in {@code .yml} or {@code .yaml}. */
    public static boolean isSigma(String sourceName) {
        String lower = sourceName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yml") || lower.endsWith(".yaml");
    }

    /** Collect mode, without a Sigma mapping (Sigma files are rejected with the reason). */
    public static Result check(List<RuleText> sources) {
        return check(sources, SigmaConfig.NONE);
    }

    /** Collect mode: compiles what it can and reports everything else. */
    public static Result check(List<RuleText> sources, SigmaConfig sigma) {
        requireNonNull(sources, "sources is null");
        requireNonNull(sigma, "sigma is null");
        List<CompiledRule> rules = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<FileResult> files = new ArrayList<>();
        Map<String, CompiledRule> byId = new LinkedHashMap<>();
        for (RuleText source : sources) {
            List<Diagnostic> fileDiagnostics = new ArrayList<>();
            Optional<CompiledRule> compiled = compileOne(source, sigma, fileDiagnostics);
            if (compiled.isPresent()) {
                CompiledRule rule = compiled.get();
                CompiledRule previous = byId.putIfAbsent(rule.id(), rule);
                if (previous != null) {
                    fileDiagnostics.add(new Diagnostic(rule.position(), DiagnosticCode.DUPLICATE_RULE_ID,
                            "duplicate rule id '" + rule.id() + "', first defined at " + previous.position()));
                    compiled = Optional.empty();
                } else {
                    rules.add(rule);
                }
            }
            diagnostics.addAll(fileDiagnostics);
            files.add(new FileResult(source.sourceName(), compiled, fileDiagnostics));
        }
        return new Result(rules, diagnostics, files);
    }

    /** Compiles one file on its own (no duplicate-id check). */
    public static FileResult checkOne(RuleText source, SigmaConfig sigma) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        Optional<CompiledRule> rule = compileOne(source, sigma, diagnostics);
        return new FileResult(source.sourceName(), rule, diagnostics);
    }

    private static Optional<CompiledRule> compileOne(RuleText source, SigmaConfig sigma, List<Diagnostic> diagnostics) {
        if (!isSigma(source.sourceName())) {
            RuleParser.Result result = RuleParser.parse(source);
            diagnostics.addAll(result.diagnostics());
            return result.rule();
        }
        SigmaRuleReader.Result read = SigmaRuleReader.read(source);
        diagnostics.addAll(read.diagnostics());
        if (read.rule().isEmpty()) {
            return Optional.empty();
        }
        List<Diagnostic> lowering = new ArrayList<>();
        Optional<CompiledRule> rule = SigmaLowering.lower(read.rule().get(), sigma, source.sourceName(), lowering);
        diagnostics.addAll(lowering);
        return lowering.stream().anyMatch(Diagnostic::isError) ? Optional.empty() : rule;
    }

    /** Fail-fast mode, used when an engine starts. */
    public static List<CompiledRule> compile(List<RuleText> sources) throws RuleCompileException {
        return compile(sources, SigmaConfig.NONE);
    }

    /** Fail-fast mode with a Sigma mapping: throws when any file has an error. */
    public static List<CompiledRule> compile(List<RuleText> sources, SigmaConfig sigma) throws RuleCompileException {
        Result result = check(sources, sigma);
        if (result.hasErrors()) {
            throw new RuleCompileException(result.errors());
        }
        return result.rules();
    }
}
