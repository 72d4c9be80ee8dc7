package io.vigil.compiler.predicate;

/** How an aggregation cuts time into windows. */
public enum WindowKind {
    /** Epoch-aligned buckets: [floor(t / size) * size, + size). */
    FIXED,
    /** A window of the given size ending at each event. */
    SLIDING
}
