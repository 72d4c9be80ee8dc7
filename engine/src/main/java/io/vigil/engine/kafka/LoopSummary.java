package io.vigil.engine.kafka;

import static java.util.Objects.requireNonNull;

/**
 * How a {@link DetectionLoop} run ended.
 *
 * @param stopReason why the loop returned
 * @param records records handled and flushed
 * @param batches non-empty batches processed
 */
public record LoopSummary(StopReason stopReason, long records, long batches) {
    public LoopSummary {
        requireNonNull(stopReason, "stopReason is null");
        if (records < 0 || batches < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** Why a {@link DetectionLoop} returned normally. */
    public enum StopReason {
        /** {@link DetectionLoop#shutdown()} was called. */
        SHUTDOWN,
        /** No record arrived for the configured idle time. */
        IDLE,
        /** The configured maximum number of records was handled. */
        MAX_RECORDS
    }
}
