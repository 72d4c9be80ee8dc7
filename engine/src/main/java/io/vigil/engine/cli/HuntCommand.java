package io.vigil.engine.cli;

import io.vigil.compiler.RuleCompiler;
import io.vigil.engine.alert.AlertSink;
import io.vigil.engine.hunt.HuntService;
import io.vigil.engine.metrics.EngineMetrics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil hunt [--rules PATH]... [--format jsonl|table] PATH...}. */
@Command(name = "hunt", mixinStandardHelpOptions = true, description = "Hunt through event files and folders; alerts go to stdout, a summary to stderr.")
public final class HuntCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RuleOptions ruleOptions;

    @Mixin
    StateOptions stateOptions;

    @Option(names = "--format", defaultValue = "jsonl", description = "jsonl or table (default: ${DEFAULT-VALUE}).")
    AlertFormat format;

    @Option(names = "--no-summary", description = "Do not print the summary.")
    boolean noSummary;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Event files (.evtx, .xml, .json, .jsonl, ...) and folders.")
    List<Path> inputs;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RuleCompiler.Result rules = ruleOptions.compileOrReport(err);
        if (rules == null) {
            return ExitCodes.INVALID_INPUT;
        }
        EngineMetrics metrics = new EngineMetrics();
        Progress progress = new Progress(err, stderrIsTerminal());
        AlertSink formatted = AlertFormat.sink(format, out);
        AlertSink sink = new AlertSink() {
            @Override
            public void accept(io.vigil.engine.alert.Alert alert) {
                progress.clear();
                formatted.accept(alert);
            }

            @Override
            public void flush() {
                formatted.flush();
            }
        };
        HuntService.Result result = HuntService.builder()
                .rules(rules.rules())
                .metrics(metrics)
                .limits(stateOptions.limits())
                .progress(progress)
                .build()
                .hunt(inputs, sink);
        progress.done();
        out.flush();
        if (result.files() == 0) {
            err.println("vigil: no event files found in " + inputs + " (folders are searched for "
                    + String.join(", ", io.vigil.connectors.EventReaders.EXTENSIONS) + ")");
            return ExitCodes.INVALID_INPUT;
        }
        if (!noSummary) {
            err.printf(java.util.Locale.ROOT, "files: %d (%d unreadable)%n", result.files(), result.unreadableFiles());
            err.print(metrics.summary());
        }
        err.flush();
        if (rules.files().stream().anyMatch(f -> !f.loaded())) {
            // the run went ahead with the rules that loaded, but a rule error is still an error
            return ExitCodes.INVALID_INPUT;
        }
        return result.complete() ? ExitCodes.OK : ExitCodes.UNREADABLE_SOURCE;
    }

    /**
     * True when standard error is a terminal (Linux: fd 2 links to a tty), so that progress is
     * shown even when alerts are redirected to a file, and never written into a redirected log.
     */
    static boolean stderrIsTerminal() {
        try {
            java.nio.file.Path fd = java.nio.file.Path.of("/proc/self/fd/2");
            if (!java.nio.file.Files.isSymbolicLink(fd)) {
                return false;
            }
            String target = java.nio.file.Files.readSymbolicLink(fd).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** Prints progress on one terminal line, only when stderr is a terminal. */
    static final class Progress implements HuntService.ProgressListener {
        private final PrintWriter err;
        private final boolean enabled;
        private boolean printed;

        Progress(PrintWriter err, boolean enabled) {
            this.err = err;
            this.enabled = enabled;
        }

        @Override
        public void progress(int filesDone, int totalFiles, long events, long alerts) {
            if (!enabled) {
                return;
            }
            err.printf(java.util.Locale.ROOT, "\rfiles %d/%d, events %d, alerts %d", filesDone, totalFiles, events, alerts);
            err.flush();
            printed = true;
        }

        void done() {
            clear();
        }

        /** Clears the progress line, so that output written to the same terminal starts clean. */
        void clear() {
            if (printed) {
                err.print("\r\033[K");
                err.flush();
                printed = false;
            }
        }
    }
}
