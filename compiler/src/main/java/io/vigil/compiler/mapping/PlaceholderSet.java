package io.vigil.compiler.mapping;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values of Sigma {@code expand} placeholders ({@code %Admins%}), from a configuration file.
 * Each value is read as a Sigma string (wildcards and escapes apply).
 */
public record PlaceholderSet(Map<String, List<String>> values, List<String> sources) {
    public static final PlaceholderSet EMPTY = new PlaceholderSet(Map.of(), List.of());

    public PlaceholderSet {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : requireNonNull(values, "values is null").entrySet()) {
            copy.put(e.getKey(), List.copyOf(e.getValue()));
        }
        values = Collections.unmodifiableMap(copy);
        sources = List.copyOf(requireNonNull(sources, "sources is null"));
    }

    public Optional<List<String>> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** This set with the names of {@code override} replaced (a user's file over the bundled one). */
    public PlaceholderSet with(PlaceholderSet override) {
        Map<String, List<String>> merged = new LinkedHashMap<>(values);
        merged.putAll(override.values);
        List<String> all = new ArrayList<>(sources);
        all.addAll(override.sources);
        return new PlaceholderSet(merged, all);
    }

    /** Where the values come from, for messages. */
    public String describeSources() {
        return sources.isEmpty() ? "no placeholder file" : String.join(", ", sources);
    }
}
