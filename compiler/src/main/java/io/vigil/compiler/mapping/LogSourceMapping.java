package io.vigil.compiler.mapping;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A Sigma logsource Vigil runs: the product, category and service it stands for (absent ones must
 * be absent in the rule too) and the event types its rules apply to.
 */
public record LogSourceMapping(String id, Optional<String> product, Optional<String> category, Optional<String> service,
        List<String> eventTypes) {
    public LogSourceMapping {
        requireNonNull(id, "id is null");
        requireNonNull(product, "product is null");
        requireNonNull(category, "category is null");
        requireNonNull(service, "service is null");
        eventTypes = List.copyOf(requireNonNull(eventTypes, "eventTypes is null"));
        if (eventTypes.isEmpty()) {
            throw new IllegalArgumentException("logsource " + id + " maps to no event type");
        }
    }

    /** E.g. {@code process_creation (product=windows category=process_creation)}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(id).append(" (");
        product.ifPresent(p -> sb.append("product=").append(p));
        category.ifPresent(c -> sb.append(sb.charAt(sb.length() - 1) == '(' ? "" : " ").append("category=").append(c));
        service.ifPresent(s -> sb.append(sb.charAt(sb.length() - 1) == '(' ? "" : " ").append("service=").append(s));
        return sb.append(')').toString();
    }
}
