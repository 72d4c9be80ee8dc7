package io.vigil.compiler.predicate;

import static java.util.Objects.requireNonNull;

import io.vigil.compiler.source.SourcePosition;
import java.util.List;
import java.util.Optional;

/** A compiled rule: metadata, the event types it applies to, its predicate and its aggregation. */
public record CompiledRule(
        String id,
        String title,
        Optional<String> description,
        String level,
        List<String> attack,
        Optional<String> author,
        RuleSource source,
        List<String> deviations,
        List<String> eventTypes,
        Predicate predicate,
        Optional<Aggregation> aggregation,
        SourcePosition position) {
    public CompiledRule {
        requireNonNull(id, "id is null");
        requireNonNull(title, "title is null");
        requireNonNull(description, "description is null");
        requireNonNull(level, "level is null");
        attack = List.copyOf(requireNonNull(attack, "attack is null"));
        requireNonNull(author, "author is null");
        requireNonNull(source, "source is null");
        deviations = List.copyOf(requireNonNull(deviations, "deviations is null"));
        eventTypes = List.copyOf(requireNonNull(eventTypes, "eventTypes is null"));
        requireNonNull(predicate, "predicate is null");
        requireNonNull(aggregation, "aggregation is null");
        requireNonNull(position, "position is null");
        if (eventTypes.isEmpty()) {
            throw new IllegalArgumentException("a rule applies to at least one event type");
        }
    }

    /** The stable text form printed by {@code rules explain}. */
    public String explain() {
        StringBuilder sb = new StringBuilder();
        sb.append("rule ").append(PredicateFormatter.quote(id)).append(" (").append(title).append(")\n");
        sb.append("source ").append(source.vendor());
        source.id().ifPresent(v -> sb.append(" id ").append(v));
        sb.append('\n');
        sb.append("events ").append(String.join(", ", eventTypes)).append('\n');
        for (String d : deviations) {
            sb.append("deviation ").append(d).append('\n');
        }
        sb.append(PredicateFormatter.format(predicate));
        aggregation.ifPresent(a -> sb.append(a).append('\n'));
        return sb.toString();
    }
}
