package io.vigil.engine.alert;

import static java.util.Objects.requireNonNull;

import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.connectors.event.Event;
import java.util.Optional;

/**
 * A rule match. {@code event} is the matching event, or for a burst the last event of the window;
 * {@code burst} is present for aggregation rules.
 */
public record Alert(CompiledRule rule, Event event, Optional<BurstWindow> burst) {
    public Alert {
        requireNonNull(rule, "rule is null");
        requireNonNull(event, "event is null");
        requireNonNull(burst, "burst is null");
    }
}
