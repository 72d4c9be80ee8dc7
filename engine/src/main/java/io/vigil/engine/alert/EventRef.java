package io.vigil.engine.alert;

import static java.util.Objects.requireNonNull;

import io.vigil.connectors.event.Event;
import java.time.Instant;

/** A light reference to an event that contributed to an alert. */
public record EventRef(String source, String position, long recordId, Instant time) {
    public EventRef {
        requireNonNull(source, "source is null");
        requireNonNull(position, "position is null");
    }

    public static EventRef of(Event event) {
        return new EventRef(event.source(), event.position(), event.recordId(), event.timeCreated());
    }
}
