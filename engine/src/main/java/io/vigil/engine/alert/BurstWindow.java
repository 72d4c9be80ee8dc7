package io.vigil.engine.alert;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What a burst alert covers: its window, its group, its events and the measured values. */
public record BurstWindow(Instant start, Instant end, Map<String, String> group, List<EventRef> events,
        Map<String, Long> measures, Map<String, List<String>> values) {
    public BurstWindow {
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
        group = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(group));
        events = List.copyOf(events);
        measures = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(measures));
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }
}
