package io.vigil.engine.enrich;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The bounds of the engine's per-host state.
 *
 * @param maxScriptBlockParts a script block is evaluated (flagged partial) once it holds this many fragments
 * @param maxScriptBlockBytes ... or this many characters of text
 * @param scriptBlockWait an incomplete block is evaluated (flagged partial) once its host's event
 *        time is this far past its first fragment, or after this much wall-clock time without news
 * @param maxOpenScriptBlocks at most this many incomplete blocks are held; the oldest is evaluated first
 * @param maxProcesses at most this many processes are remembered for lineage
 * @param processMaxAge a process is forgotten once its host's event time is this far past its start
 */
public record StateLimits(
        int maxScriptBlockParts,
        int maxScriptBlockBytes,
        Duration scriptBlockWait,
        int maxOpenScriptBlocks,
        int maxProcesses,
        Duration processMaxAge) {
    public static final StateLimits DEFAULTS = new StateLimits(
            100, 4 * 1024 * 1024, Duration.ofMinutes(5), 10_000, 200_000, Duration.ofHours(24));

    public StateLimits {
        requireNonNull(scriptBlockWait, "scriptBlockWait is null");
        requireNonNull(processMaxAge, "processMaxAge is null");
        if (maxScriptBlockParts < 1 || maxScriptBlockBytes < 1 || maxOpenScriptBlocks < 1 || maxProcesses < 1) {
            throw new IllegalArgumentException("state limits must be positive");
        }
    }
}
