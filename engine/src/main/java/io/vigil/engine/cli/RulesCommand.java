package io.vigil.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.compiler.RuleCompiler;
import io.vigil.compiler.mapping.SigmaConfig;
import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.compiler.predicate.RuleFormatter;
import io.vigil.compiler.source.Diagnostic;
import io.vigil.compiler.source.RuleCompileException;
import io.vigil.compiler.source.RuleText;
import io.vigil.engine.pack.RulePacks;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil rules check|explain|list|convert}. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Check, explain, list and convert rules.",
        subcommands = {RulesCommand.Check.class, RulesCommand.Explain.class, RulesCommand.ListRules.class,
                RulesCommand.Convert.class})
public final class RulesCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Without a subcommand: usage on stderr, and exit 2 (a usage error). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.INVALID_INPUT;
    }

    /** {@code vigil rules check [PATH...]}: one line per rule file, warnings under it, totals at the end. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Compile rule files (native .rule and Sigma .yml/.yaml) and print one line per file:"
                    + " '<path>: loaded' or '<path>: rejected: <file:line:col: reason>', warnings under it,"
                    + " and totals. Exits 2 when any file is rejected.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PATH", arity = "0..*",
                description = "Rule files or folders (default: the bundled pack).")
        List<Path> paths = new ArrayList<>();

        @Option(names = "--placeholders", paramLabel = "FILE",
                description = "Values of Sigma 'expand' placeholders (YAML); repeat to combine.")
        List<Path> placeholders = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            long started = System.nanoTime();
            List<RuleText> sources;
            try {
                sources = paths.isEmpty() ? RulePacks.bundled() : RulePacks.load(paths);
            } catch (java.nio.file.NoSuchFileException e) {
                spec.commandLine().getErr().println("vigil: " + e.getFile() + ": no such rule file or folder");
                return ExitCodes.INVALID_INPUT;
            }
            SigmaConfig sigma;
            try {
                sigma = RulePacks.sigmaConfig(placeholders);
            } catch (RuleCompileException e) {
                e.diagnostics().forEach(spec.commandLine().getErr()::println);
                return ExitCodes.INVALID_INPUT;
            }
            RuleCompiler.Result result = RuleCompiler.check(sources, sigma);
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            int loaded = 0;
            int rejected = 0;
            for (RuleCompiler.FileResult file : result.files()) {
                List<Diagnostic> errors = file.errors();
                if (file.loaded()) {
                    loaded++;
                    out.println(file.sourceName() + ": loaded");
                } else {
                    rejected++;
                    out.println(file.sourceName() + ": rejected: " + (errors.isEmpty() ? "unknown error" : errors.get(0)));
                    for (Diagnostic d : errors.subList(Math.min(1, errors.size()), errors.size())) {
                        out.println("    " + d);
                    }
                }
                for (Diagnostic d : file.warnings()) {
                    out.println("    " + d);
                }
            }
            out.printf(java.util.Locale.ROOT, "%d rule file(s): %d loaded, %d rejected, %d warning(s)%n", result.files().size(), loaded,
                    rejected, result.warnings().size());
            out.flush();
            spec.commandLine().getErr().printf(java.util.Locale.ROOT, "compiled in %d ms%n", elapsedMillis);
            return rejected == 0 ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
        }
    }

    /** {@code vigil rules convert FILE}: the rule in the rule language. */
    @Command(name = "convert", mixinStandardHelpOptions = true,
            description = "Print a rule (Sigma .yml/.yaml, or a .rule file) in the Vigil rule language. The text"
                    + " compiles to the same predicate tree, so it matches exactly the same events.")
    static final class Convert implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The rule file.")
        Path file;

        @Option(names = "--placeholders", paramLabel = "FILE",
                description = "Values of Sigma 'expand' placeholders (YAML); repeat to combine.")
        List<Path> placeholders = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            if (Files.isDirectory(file)) {
                err.println("vigil: convert takes one rule file, not a folder: " + file);
                return ExitCodes.INVALID_INPUT;
            }
            SigmaConfig sigma;
            try {
                sigma = RulePacks.sigmaConfig(placeholders);
            } catch (RuleCompileException e) {
                e.diagnostics().forEach(err::println);
                return ExitCodes.INVALID_INPUT;
            }
            RuleCompiler.FileResult result = RuleCompiler.checkOne(RulePacks.load(List.of(file)).get(0), sigma);
            for (Diagnostic d : result.diagnostics()) {
                err.println(d);
            }
            if (!result.loaded()) {
                err.println("vigil: " + file + " was rejected; nothing to convert");
                return ExitCodes.INVALID_INPUT;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("// " + file.getFileName() + ", converted by vigil rules convert");
            out.print(RuleFormatter.format(result.rule().get()));
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code vigil rules explain ID}. */
    @Command(name = "explain", mixinStandardHelpOptions = true, description = "Print the predicate tree of one rule.")
    static final class Explain implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        RuleOptions ruleOptions;

        @Parameters(paramLabel = "ID", description = "The rule id.")
        String id;

        @Override
        public Integer call() throws Exception {
            RuleCompiler.Result result = ruleOptions.compileOrReport(spec.commandLine().getErr());
            if (result == null) {
                return ExitCodes.INVALID_INPUT;
            }
            for (CompiledRule rule : result.rules()) {
                if (rule.id().equals(id)) {
                    spec.commandLine().getOut().print(rule.explain());
                    return ExitCodes.OK;
                }
            }
            spec.commandLine().getErr().println("vigil: no rule with id '" + id + "'");
            return ExitCodes.INVALID_INPUT;
        }
    }

    /** {@code vigil rules list --format jsonl|table}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the rules of a pack.")
    static final class ListRules implements Callable<Integer> {
        enum Format { jsonl, table }

        @Spec
        CommandSpec spec;

        @Mixin
        RuleOptions ruleOptions;

        @Option(names = "--format", defaultValue = "table", description = "jsonl or table (default: ${DEFAULT-VALUE}).")
        Format format;

        @Override
        public Integer call() throws Exception {
            RuleCompiler.Result result = ruleOptions.compileOrReport(spec.commandLine().getErr());
            if (result == null) {
                return ExitCodes.INVALID_INPUT;
            }
            ObjectMapper mapper = new ObjectMapper();
            for (CompiledRule rule : result.rules()) {
                if (format == Format.jsonl) {
                    ObjectNode node = mapper.createObjectNode();
                    node.put("id", rule.id());
                    node.put("name", rule.title());
                    node.put("uuid", rule.source().id().orElse(null));
                    node.put("ruleset", rule.source().vendor());
                    ArrayNode types = node.putArray("event_types");
                    rule.eventTypes().forEach(types::add);
                    node.put("level", rule.level());
                    node.put("burst", rule.aggregation().isPresent());
                    spec.commandLine().getOut().println(node);
                } else {
                    spec.commandLine().getOut().printf(java.util.Locale.ROOT, "%-4s %-10s %-9s %-42s %s%n", rule.id(), rule.source().vendor(),
                            rule.level(), String.join(",", rule.eventTypes()), rule.title());
                }
            }
            return ExitCodes.OK;
        }
    }
}
