package io.vigil.compiler.predicate;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * Where a rule comes from: the vendor ruleset (sigma, elastic, splunk, anvilogic, vigil), the
 * source rule's own id, its path or URL and its licence, plus any further attributes.
 */
public record RuleSource(String vendor, Optional<String> id, Optional<String> path, Optional<String> license,
        Map<String, String> attributes) {
    public RuleSource {
        requireNonNull(vendor, "vendor is null");
        requireNonNull(id, "id is null");
        requireNonNull(path, "path is null");
        requireNonNull(license, "license is null");
        attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(
                requireNonNull(attributes, "attributes is null")));
    }
}
