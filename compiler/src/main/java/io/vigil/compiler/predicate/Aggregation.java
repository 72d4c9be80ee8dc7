package io.vigil.compiler.predicate;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/** Groups matching events by fields within time windows and fires when every threshold holds. */
public record Aggregation(List<FieldRef> groupBy, WindowKind window, Duration size, List<Threshold> thresholds) {
    public Aggregation {
        groupBy = List.copyOf(requireNonNull(groupBy, "groupBy is null"));
        requireNonNull(window, "window is null");
        requireNonNull(size, "size is null");
        thresholds = List.copyOf(requireNonNull(thresholds, "thresholds is null"));
        if (size.isNegative() || size.isZero()) {
            throw new IllegalArgumentException("window size must be positive");
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("aggregate");
        if (!groupBy.isEmpty()) {
            sb.append(" by ");
            for (int i = 0; i < groupBy.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(groupBy.get(i));
            }
        }
        sb.append(" window ").append(window.name().toLowerCase(java.util.Locale.ROOT)).append(' ')
                .append(size.toMillis() % 1000 == 0 ? size.toSeconds() + "s" : size.toMillis() + "ms");
        for (int i = 0; i < thresholds.size(); i++) {
            sb.append(i == 0 ? " having " : " and ").append(thresholds.get(i));
        }
        return sb.toString();
    }
}
