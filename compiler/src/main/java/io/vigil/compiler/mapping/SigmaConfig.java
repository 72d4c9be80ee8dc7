package io.vigil.compiler.mapping;

import static java.util.Objects.requireNonNull;

/** The data the Sigma path compiles with: the logsource and field mappings, and the placeholder values. */
public record SigmaConfig(MappingSet mappings, PlaceholderSet placeholders) {
    /** No mapping: every Sigma rule is rejected with the reason. */
    public static final SigmaConfig NONE = new SigmaConfig(MappingSet.EMPTY, PlaceholderSet.EMPTY);

    public SigmaConfig {
        requireNonNull(mappings, "mappings is null");
        requireNonNull(placeholders, "placeholders is null");
    }
}
