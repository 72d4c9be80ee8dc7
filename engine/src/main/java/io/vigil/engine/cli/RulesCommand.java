package io.vigil.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.compiler.RuleCompiler;
import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.compiler.source.Diagnostic;
import io.vigil.compiler.source.RuleText;
import io.vigil.engine.pack.RulePacks;
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

/** {@code vigil rules check|explain|list}. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Check, explain and list rules.",
        subcommands = {RulesCommand.Check.class, RulesCommand.Explain.class, RulesCommand.ListRules.class})
public final class RulesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** {@code vigil rules check [PATH...]}. */
    @Command(name = "check", mixinStandardHelpOptions = true, description = "Compile a rule pack and print every diagnostic as file:line:col: message.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PATH", arity = "0..*",
                description = "Rule files or folders (default: the bundled pack).")
        List<Path> paths = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            List<RuleText> sources = paths.isEmpty() ? RulePacks.bundled() : RulePacks.load(paths);
            RuleCompiler.Result result = RuleCompiler.check(sources);
            for (Diagnostic d : result.diagnostics()) {
                spec.commandLine().getOut().println(d);
            }
            spec.commandLine().getErr().printf("%d rule file(s): %d compiled, %d diagnostic(s)%n", sources.size(),
                    result.rules().size(), result.diagnostics().size());
            return result.diagnostics().isEmpty() ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
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
                    spec.commandLine().getOut().printf("%-4s %-10s %-9s %-42s %s%n", rule.id(), rule.source().vendor(),
                            rule.level(), String.join(",", rule.eventTypes()), rule.title());
                }
            }
            return ExitCodes.OK;
        }
    }
}
