package io.vigil.engine.alert;

import static java.util.Objects.requireNonNull;

import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.connectors.event.Event;
import io.vigil.engine.enrich.AssembledBlock;
import java.util.Optional;

/**
 * A rule match. {@code event} is the matching event, or for a burst the last event of the window;
 * {@code burst} is present for aggregation rules; {@code scriptBlock} is present when the event is
 * a PowerShell script block put back together from several fragments.
 */
public record Alert(CompiledRule rule, Event event, Optional<BurstWindow> burst, Optional<AssembledBlock> scriptBlock) {
    public Alert {
        requireNonNull(rule, "rule is null");
        requireNonNull(event, "event is null");
        requireNonNull(burst, "burst is null");
        requireNonNull(scriptBlock, "scriptBlock is null");
    }

    public Alert(CompiledRule rule, Event event, Optional<BurstWindow> burst) {
        this(rule, event, burst, Optional.empty());
    }
}
