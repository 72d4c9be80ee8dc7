package io.vigil.compiler.sigma;

import static java.util.Objects.requireNonNull;

import io.vigil.compiler.ast.SigmaCondition;
import io.vigil.compiler.source.SourcePosition;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A rule's {@code detection}: its named detections, in file order, and its condition(s), OR-ed. */
public record Detections(Map<String, Detection> named, List<SigmaCondition> conditions, SourcePosition position) {
    public Detections {
        named = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(named, "named is null")));
        conditions = List.copyOf(requireNonNull(conditions, "conditions is null"));
        requireNonNull(position, "position is null");
    }
}
