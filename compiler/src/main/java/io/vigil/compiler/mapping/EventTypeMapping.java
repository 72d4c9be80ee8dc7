package io.vigil.compiler.mapping;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How Sigma fields read on one event type: renames (Sigma name → Vigil field), value renames for
 * exact matches of a renamed field (keyed by the Sigma field name; keys compared case-insensitively),
 * and every field this event type carries (for the unknown-field lint).
 */
public record EventTypeMapping(String eventType, Map<String, String> renames, Map<String, Map<String, String>> values,
        List<String> fields) {
    public EventTypeMapping {
        requireNonNull(eventType, "eventType is null");
        renames = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(renames, "renames is null")));
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> e : requireNonNull(values, "values is null").entrySet()) {
            copy.put(e.getKey(), Collections.unmodifiableMap(new LinkedHashMap<>(e.getValue())));
        }
        values = Collections.unmodifiableMap(copy);
        fields = List.copyOf(requireNonNull(fields, "fields is null"));
    }
}
