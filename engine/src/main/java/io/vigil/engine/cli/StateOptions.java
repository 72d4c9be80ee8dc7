package io.vigil.engine.cli;

import io.vigil.engine.enrich.StateLimits;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The bounds of per-host state, shared by the commands that evaluate rules. */
public final class StateOptions {
    @Option(names = "--max-script-block-parts", paramLabel = "N",
            description = "Evaluate a split script block (flagged partial) once it holds N fragments (default: 100).")
    int maxScriptBlockParts = StateLimits.DEFAULTS.maxScriptBlockParts();

    @Option(names = "--max-script-block-chars", paramLabel = "N",
            description = "... or N characters of text (default: 4194304).")
    int maxScriptBlockChars = StateLimits.DEFAULTS.maxScriptBlockBytes();

    @Option(names = "--script-block-wait", paramLabel = "DURATION",
            description = "Evaluate an incomplete script block (flagged partial) once its host's event time is this far"
                    + " past its first fragment, or after this long without news, ISO-8601 (default: PT5M).")
    Duration scriptBlockWait = StateLimits.DEFAULTS.scriptBlockWait();

    @Option(names = "--max-open-script-blocks", paramLabel = "N",
            description = "Hold at most N incomplete script blocks; the oldest is evaluated first (default: 10000).")
    int maxOpenScriptBlocks = StateLimits.DEFAULTS.maxOpenScriptBlocks();

    @Option(names = "--max-processes", paramLabel = "N",
            description = "Remember at most N processes for lineage (default: 200000).")
    int maxProcesses = StateLimits.DEFAULTS.maxProcesses();

    @Option(names = "--process-max-age", paramLabel = "DURATION",
            description = "Forget a process once its host's event time is this far past its start, ISO-8601"
                    + " (default: PT24H).")
    Duration processMaxAge = StateLimits.DEFAULTS.processMaxAge();

    public StateLimits limits() {
        return new StateLimits(maxScriptBlockParts, maxScriptBlockChars, scriptBlockWait, maxOpenScriptBlocks,
                maxProcesses, processMaxAge);
    }
}
