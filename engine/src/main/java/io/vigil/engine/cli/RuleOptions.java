package io.vigil.engine.cli;

import io.vigil.compiler.RuleCompiler;
import io.vigil.compiler.source.Diagnostic;
import io.vigil.compiler.source.RuleText;
import io.vigil.engine.pack.RulePacks;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --rules} option shared by the commands that take rules. */
public final class RuleOptions {
    @Option(names = "--rules", paramLabel = "PATH",
            description = "Rule file or folder; repeat to combine. Replaces the bundled pack of 22 rules.")
    List<Path> rules = new ArrayList<>();

    /** The rule sources: the user's, or the bundled pack. */
    public List<RuleText> sources() throws IOException {
        return rules.isEmpty() ? RulePacks.bundled() : RulePacks.load(rules);
    }

    /**
     * Compiles the rules, printing every diagnostic to err; returns null when there was any
     * (the caller exits with {@link ExitCodes#INVALID_INPUT}).
     */
    public RuleCompiler.Result compileOrReport(PrintWriter err) throws IOException {
        RuleCompiler.Result result = RuleCompiler.check(sources());
        for (Diagnostic d : result.diagnostics()) {
            err.println(d);
        }
        if (!result.diagnostics().isEmpty()) {
            err.println("vigil: " + result.diagnostics().size() + " rule error(s); nothing was run");
            return null;
        }
        return result;
    }
}
