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

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Event files (.xml, .json, .jsonl, ...) and folders.")
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
        Progress progress = new Progress(err, System.console() != null);
        AlertSink sink = AlertFormat.sink(format, out);
        HuntService.Result result = HuntService.builder()
                .rules(rules.rules())
                .metrics(metrics)
                .limits(stateOptions.limits())
                .progress(progress)
                .build()
                .hunt(inputs, sink);
        progress.done();
        out.flush();
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
            if (printed) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }
}
