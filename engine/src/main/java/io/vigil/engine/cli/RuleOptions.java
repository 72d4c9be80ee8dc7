package io.vigil.engine.cli;

import io.vigil.compiler.RuleCompiler;
import io.vigil.compiler.mapping.SigmaConfig;
import io.vigil.compiler.source.Diagnostic;
import io.vigil.compiler.source.RuleCompileException;
import io.vigil.compiler.source.RuleText;
import io.vigil.engine.pack.RulePacks;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --rules} option (and its Sigma companions) shared by the commands that take rules. */
public final class RuleOptions {
    @Option(names = "--rules", paramLabel = "PATH",
            description = "Rule file or folder: native .rule files and Sigma .yml/.yaml files; repeat to combine."
                    + " Replaces the bundled pack of 22 rules.")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--placeholders", paramLabel = "FILE",
            description = "Values of Sigma 'expand' placeholders (YAML, as mappings/placeholders.yml); repeat to"
                    + " combine, later files win.")
    List<Path> placeholders = new ArrayList<>();

    @Option(names = "--strict-rules",
            description = "Refuse to run when any rule file is rejected (default: report it and run the others).")
    boolean strict;

    /** The rule sources: the user's, or the bundled pack. */
    public List<RuleText> sources() throws IOException {
        try {
            return rules.isEmpty() ? RulePacks.bundled() : RulePacks.load(rules);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new RulePathException(e.getFile() + ": no such rule file or folder");
        }
    }

    /** The Sigma mapping and placeholder values the rules compile with. */
    public SigmaConfig sigmaConfig() throws IOException, RuleCompileException {
        return RulePacks.sigmaConfig(placeholders);
    }

    /** Compiles the rules in collect mode. */
    public RuleCompiler.Result compile() throws IOException, RuleCompileException {
        return RuleCompiler.check(sources(), sigmaConfig());
    }

    /**
     * Compiles the rules, printing every diagnostic to err. A rejected rule file does not stop the
     * others (one bad rule never keeps the engine from starting) unless {@code --strict-rules} is
     * given. Returns null when nothing can run (the caller exits with
     * {@link ExitCodes#INVALID_INPUT}).
     */
    public RuleCompiler.Result compileOrReport(PrintWriter err) throws IOException {
        RuleCompiler.Result result;
        try {
            result = compile();
        } catch (RuleCompileException e) {
            for (Diagnostic d : e.diagnostics()) {
                err.println(d);
            }
            err.println("vigil: the placeholder file has errors; nothing was run");
            return null;
        }
        for (Diagnostic d : result.diagnostics()) {
            err.println(d);
        }
        if (!result.hasErrors()) {
            return result;
        }
        long rejected = result.files().stream().filter(f -> !f.loaded()).count();
        if (strict) {
            err.println("vigil: " + result.errors().size() + " rule error(s) in " + rejected
                    + " file(s); nothing was run (--strict-rules)");
            return null;
        }
        if (result.rules().isEmpty()) {
            err.println("vigil: " + result.errors().size() + " rule error(s) and no rule loaded; nothing was run");
            return null;
        }
        err.println("vigil: " + rejected + " rule file(s) rejected (above); running with the " + result.rules().size()
                + " rule(s) that loaded");
        return result;
    }

    /** A --rules path that does not exist: a usage error (exit 2), not unreadable input. */
    public static final class RulePathException extends IOException {
        private static final long serialVersionUID = 1L;

        RulePathException(String message) {
            super(message);
        }
    }
}
