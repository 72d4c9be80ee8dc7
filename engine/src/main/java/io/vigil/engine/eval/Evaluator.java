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
import io.vigil.engine.enrich.AssembledBlock;
import io.vigil.engine.enrich.ProcessLineage;
import io.vigil.engine.enrich.ScriptBlockAssembler;
import io.vigil.engine.enrich.StateLimits;
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
    private final ProcessLineage lineage;
    private final ScriptBlockAssembler assembler;
    private final java.time.InstantSource clock;

    /** A rule bound to slots, with its aggregator when it is a burst rule. */
    private record BoundRule(CompiledRule rule, BoundNode node, BurstAggregator aggregator) {
    }

    /**
     * @param deferredWindows true when hunting files: burst windows are computed at {@link #finish}
     *        so that the result does not depend on input order
     */
    public Evaluator(List<CompiledRule> rules, boolean deferredWindows) {
        this(rules, deferredWindows, java.time.InstantSource.system(), StateLimits.DEFAULTS);
    }

    /** As above, with the wall clock that closes the windows of silent groups. */
    public Evaluator(List<CompiledRule> rules, boolean deferredWindows, java.time.InstantSource clock) {
        this(rules, deferredWindows, clock, StateLimits.DEFAULTS);
    }

    /** As above, with the bounds of lineage and script-block state. */
    public Evaluator(List<CompiledRule> rules, boolean deferredWindows, java.time.InstantSource clock,
            StateLimits limits) {
        this.clock = clock;
        this.lineage = new ProcessLineage(limits);
        this.assembler = new ScriptBlockAssembler(limits, clock);
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

    /**
     * Tests one event; single-event matches go to the sink at once. A fragment of a multi-part
     * PowerShell script block is held until its block is whole (or a bound releases it), and the
     * block is tested once.
     */
    public void evaluate(Event input, AlertSink sink) {
        if (!byType.containsKey(input.type())) {
            return;
        }
        Event event = lineage.enrich(input);
        if (ScriptBlockAssembler.isFragment(event)) {
            for (AssembledBlock block : assembler.add(event)) {
                evaluateOne(block.event(), block, sink);
            }
            return;
        }
        evaluateOne(event, null, sink);
    }

    private void evaluateOne(Event event, AssembledBlock block, AlertSink sink) {
        BoundRule[] candidates = byType.get(event.type());
        ctx.reset(event);
        for (BoundRule r : candidates) {
            if (!r.node.eval(ctx)) {
                continue;
            }
            if (r.aggregator == null) {
                sink.accept(new Alert(r.rule, event, Optional.empty(), Optional.ofNullable(block)));
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
        for (AssembledBlock block : assembler.expire()) {
            evaluateOne(block.event(), block, sink);
        }
        lineage.expire(now);
        for (BurstAggregator a : aggregators) {
            a.advance(allowedLateness, now, sink);
        }
    }

    /** End of input: closes every burst window. */
    public void finish(AlertSink sink) {
        for (AssembledBlock block : assembler.flush()) {
            evaluateOne(block.event(), block, sink);
        }
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
        long n = 0;
        for (long v : stateSizes().values()) {
            n += v;
        }
        return n;
    }

    /** The size of each kind of state: remembered processes, open script blocks, burst windows. */
    public java.util.Map<String, Long> stateSizes() {
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        out.put("lineage.processes", (long) lineage.size());
        out.put("scriptblocks.open", (long) assembler.openBlocks());
        long windows = 0;
        for (BurstAggregator a : aggregators) {
            windows += a.stateSize();
        }
        out.put("windows.state", windows);
        return out;
    }

    /** Script-block fragments dropped as repeats. */
    public long duplicateFragments() {
        return assembler.duplicates();
    }

    /** Script blocks evaluated before all their fragments arrived. */
    public long partialScriptBlocks() {
        return assembler.partialBlocks();
    }
}
