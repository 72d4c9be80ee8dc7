package io.vigil.engine.enrich;

import static java.util.Objects.requireNonNull;

import io.vigil.connectors.event.Event;
import io.vigil.engine.alert.EventRef;
import java.util.List;

/**
 * A PowerShell script block put back together from its 4104 fragments: one event whose
 * ScriptBlockText is the fragments' text joined in MessageNumber order, the fragments it was
 * made of, and whether some were missing when it was evaluated.
 */
public record AssembledBlock(Event event, List<Integer> numbers, List<EventRef> fragments, int total,
        boolean partial) {
    public AssembledBlock {
        requireNonNull(event, "event is null");
        numbers = List.copyOf(numbers);
        fragments = List.copyOf(fragments);
    }
}
