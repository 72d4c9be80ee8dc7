package io.vigil.compiler.mapping;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a Sigma field is read on some of a rule's event types: the Vigil field name, and the value
 * renames that apply to exact matches there (empty for most fields).
 */
public record FieldTarget(String name, Map<String, String> values) {
    public FieldTarget {
        requireNonNull(name, "name is null");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(values, "values is null")));
    }

    /** The value an exact match looks for on this target: renamed when the mapping says so. */
    public Optional<String> renamedValue(String value) {
        String folded = value.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(folded)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }
}
