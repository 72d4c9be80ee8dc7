package io.vigil.compiler.sigma;

import static java.util.Objects.requireNonNull;

import io.vigil.compiler.source.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A rule's {@code logsource}: product, category and service (any may be absent). */
public record LogSource(Optional<String> product, Optional<String> category, Optional<String> service,
        SourcePosition position) {
    public LogSource {
        requireNonNull(product, "product is null");
        requireNonNull(category, "category is null");
        requireNonNull(service, "service is null");
        requireNonNull(position, "position is null");
    }

    /** E.g. {@code product=windows category=process_creation}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        product.ifPresent(p -> parts.add("product=" + p));
        category.ifPresent(c -> parts.add("category=" + c));
        service.ifPresent(s -> parts.add("service=" + s));
        return parts.isEmpty() ? "(empty)" : String.join(" ", parts);
    }
}
