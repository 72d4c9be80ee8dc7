package io.vigil.engine.eval;

import static java.util.Objects.requireNonNull;

import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.EventType;
import io.vigil.engine.alert.Alert;
import io.vigil.engine.alert.AlertSink;
import io.vigil.engine.bind.BoundNode;
import io.vigil.engine.bind.EvalContext;
import io.vigil.engine.bind.RuleBinder;
import io.vigil.engine.enrich.ProcessLineage;
import io.vigil.engine.window.BurstAggregator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates events against a rule set. Rules are indexed by event type, so an event is only
 * tested against the rules that apply to its type. Not thread-safe: use one per thread.
 */
public final class Evaluator {
    private final List<CompiledRule> rules;
    private final Map<EventType, BoundRule[]> byType = new EnumMap<>(EventType.class);
    private final List<BurstAggregator> aggregators = new ArrayList<>();
    private final EvalContext ctx = new EvalContext();
    private final ProcessLineage lineage = new ProcessLineage();
    private final java.time.InstantSource clock;

    /** A rule bound to slots, with its aggregator when it is a burst rule. */
    private record BoundRule(CompiledRule rule, BoundNode node, BurstAggregator aggregator) {
    }

    /**
     * @param deferredWindows true when hunting files: burst windows are computed at {@link #finish}
     *        so that the result does not depend on input order
     */
    public Evaluator(List<CompiledRule> rules, boolean deferredWindows) {
        this(rules, deferredWindows, java.time.InstantSource.system());
    }

    /** As above, with the wall clock that closes the windows of silent groups. */
    public Evaluator(List<CompiledRule> rules, boolean deferredWindows, java.time.InstantSource clock) {
        this.clock = clock;
        this.rules = List.copyOf(requireNonNull(rules, "rules is null"));
        Map<EventType, List<BoundRule>> lists = new EnumMap<>(EventType.class);
        for (CompiledRule rule : this.rules) {
            BoundNode node = RuleBinder.bind(rule.predicate());
            BurstAggregator aggregator = null;
            if (rule.aggregation().isPresent()) {
                aggregator = new BurstAggregator(rule, deferredWindows, clock);
                aggregators.add(aggregator);
            }
            BoundRule bound = new BoundRule(rule, node, aggregator);
            for (String type : rule.eventTypes()) {
                lists.computeIfAbsent(EventType.fromId(type), t -> new ArrayList<>()).add(bound);
            }
        }
        for (Map.Entry<EventType, List<BoundRule>> e : lists.entrySet()) {
            byType.put(e.getKey(), e.getValue().toArray(new BoundRule[0]));
        }
    }

    public List<CompiledRule> rules() {
        return rules;
    }

    /** True when some rule applies to events of this type. */
    public boolean wants(EventType type) {
        return byType.containsKey(type);
    }

    /** Tests one event; single-event matches go to the sink at once. */
    public void evaluate(Event input, AlertSink sink) {
        BoundRule[] candidates = byType.get(input.type());
        if (candidates == null) {
            return;
        }
        Event event = lineage.enrich(input);
        ctx.reset(event);
        for (BoundRule r : candidates) {
            if (!r.node.eval(ctx)) {
                continue;
            }
            if (r.aggregator == null) {
                sink.accept(new Alert(r.rule, event, Optional.empty()));
            } else {
                r.aggregator.add(ctx, sink);
            }
        }
    }

    /** Tests one event against one rule only, ignoring aggregation (used by tests and tools). */
    public static boolean matches(CompiledRule rule, Event event) {
        EvalContext context = new EvalContext();
        context.reset(event);
        return RuleBinder.bind(rule.predicate()).eval(context);
    }

    /**
     * Streaming: closes the burst windows whose group's event time has passed their end plus the
     * allowed lateness, or whose group has been silent for a window's length plus the lateness.
     */
    public void advance(java.time.Duration allowedLateness, AlertSink sink) {
        Instant now = clock.instant();
        for (BurstAggregator a : aggregators) {
            a.advance(allowedLateness, now, sink);
        }
    }

    /** End of input: closes every burst window. */
    public void finish(AlertSink sink) {
        for (BurstAggregator a : aggregators) {
            a.flush(sink);
        }
    }

    /** Events that arrived for burst windows already closed. */
    public long lateEvents() {
        long n = 0;
        for (BurstAggregator a : aggregators) {
            n += a.lateEvents();
        }
        return n;
    }

    /** The number of open windows and deferred events held for burst rules. */
    public long stateSize() {
        long n = lineage.size();
        for (BurstAggregator a : aggregators) {
            n += a.stateSize();
        }
        return n;
    }
}
