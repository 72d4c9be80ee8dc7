package io.vigil.compiler.predicate;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** {@code count() > n} or {@code distinct(field) > n}. */
public record Threshold(Function function, Optional<FieldRef> field, Comparison comparison, long value) {
    /** Aggregate functions. */
    public enum Function {
        COUNT,
        DISTINCT
    }

    public Threshold {
        requireNonNull(function, "function is null");
        requireNonNull(field, "field is null");
        requireNonNull(comparison, "comparison is null");
        if ((function == Function.DISTINCT) != field.isPresent()) {
            throw new IllegalArgumentException("distinct() takes a field, count() takes none");
        }
    }

    public boolean test(long observed) {
        return comparison.test(Long.compare(observed, value));
    }

    @Override
    public String toString() {
        String f = function == Function.COUNT ? "count()" : "distinct(" + field.get() + ")";
        return f + " " + comparison.keyword() + " " + value;
    }
}
