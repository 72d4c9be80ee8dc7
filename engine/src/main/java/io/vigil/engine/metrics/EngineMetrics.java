package io.vigil.engine.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.connectors.event.EventType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The engine's counters, kept in a Micrometer registry: events read per type, alerts per rule,
 * records that could not be decoded, and events that came too late for their window. Counters are
 * looked up once and cached, so the hot path only increments.
 */
public final class EngineMetrics {
    /** At most this many unreadable-record messages are kept for the summary. */
    public static final int MAX_KEPT_ERRORS = 50;

    private final MeterRegistry registry;
    private final Map<EventType, Counter> eventsByType = new EnumMap<>(EventType.class);
    private final Map<String, Counter> alertsByRule = new ConcurrentHashMap<>();
    private final Counter unreadable;
    private final List<String> keptErrors = new ArrayList<>();

    public EngineMetrics() {
        this(new SimpleMeterRegistry());
    }

    public EngineMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (EventType type : EventType.values()) {
            eventsByType.put(type, Counter.builder("vigil.events.read").tag("type", type.id())
                    .description("events read, by event type").register(registry));
        }
        this.unreadable = Counter.builder("vigil.records.unreadable")
                .description("records that could not be decoded").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void eventRead(EventType type) {
        eventsByType.get(type).increment();
    }

    /** Counts {@code n} events of a type read at once (records a reader skipped, say). */
    public void eventsRead(EventType type, long n) {
        if (n > 0) {
            eventsByType.get(type).increment(n);
        }
    }

    public void alertRaised(String ruleId) {
        alertsByRule.computeIfAbsent(ruleId, id -> Counter.builder("vigil.alerts").tag("rule", id)
                .description("alerts raised, by rule").register(registry)).increment();
    }

    /** Counts an unreadable record and keeps its message (the first {@value #MAX_KEPT_ERRORS}). */
    public synchronized void unreadable(String message) {
        unreadable.increment();
        if (keptErrors.size() < MAX_KEPT_ERRORS) {
            keptErrors.add(message);
        }
    }

    /**
     * Registers the gauges of an evaluator's state: its size by kind (remembered processes, open
     * script blocks, burst windows), events late for their window, repeated script-block
     * fragments, and script blocks evaluated partial.
     */
    public void stateGauges(io.vigil.engine.eval.Evaluator evaluator) {
        for (String kind : evaluator.stateSizes().keySet()) {
            gauge("vigil.state." + kind, "entries held in " + kind, () -> evaluator.stateSizes().get(kind));
        }
        gauge("vigil.window.late.events", "events that arrived after their window closed", evaluator::lateEvents);
        gauge("vigil.scriptblocks.duplicate.fragments", "script-block fragments dropped as repeats",
                evaluator::duplicateFragments);
        gauge("vigil.scriptblocks.partial", "script blocks evaluated before all their fragments arrived",
                evaluator::partialScriptBlocks);
    }

    /** A sink that counts each alert per rule, then passes it on. */
    public io.vigil.engine.alert.AlertSink counting(io.vigil.engine.alert.AlertSink sink) {
        return new io.vigil.engine.alert.AlertSink() {
            @Override
            public void accept(io.vigil.engine.alert.Alert alert) {
                alertRaised(alert.rule().id());
                sink.accept(alert);
            }

            @Override
            public void flush() {
                sink.flush();
            }
        };
    }

    /** Registers a gauge, e.g. the size of windowed state. */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    public long eventsRead(EventType type) {
        return (long) eventsByType.get(type).count();
    }

    public long eventsRead() {
        long n = 0;
        for (Counter c : eventsByType.values()) {
            n += (long) c.count();
        }
        return n;
    }

    public Map<String, Long> alertsByRule() {
        Map<String, Long> out = new TreeMap<>();
        for (Map.Entry<String, Counter> e : alertsByRule.entrySet()) {
            out.put(e.getKey(), (long) e.getValue().count());
        }
        return out;
    }

    public long alerts() {
        long n = 0;
        for (Counter c : alertsByRule.values()) {
            n += (long) c.count();
        }
        return n;
    }

    public long unreadable() {
        return (long) unreadable.count();
    }

    public synchronized List<String> keptErrors() {
        return List.copyOf(keptErrors);
    }

    /** A plain-text summary: events by type, alerts by rule, unreadable records with reasons. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("events read: ").append(eventsRead()).append('\n');
        for (EventType type : EventType.values()) {
            long n = eventsRead(type);
            if (n > 0) {
                sb.append("  ").append(type.id()).append(": ").append(n).append('\n');
            }
        }
        sb.append("alerts: ").append(alerts()).append('\n');
        for (Map.Entry<String, Long> e : alertsByRule().entrySet()) {
            sb.append("  ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        sb.append("unreadable records: ").append(unreadable()).append('\n');
        for (String err : keptErrors()) {
            sb.append("  ").append(err).append('\n');
        }
        if (unreadable() > keptErrors().size()) {
            sb.append("  ... and ").append(unreadable() - keptErrors().size()).append(" more\n");
        }
        for (Meter m : registry.getMeters()) {
            if (m instanceof Gauge g) {
                sb.append(m.getId().getName()).append(": ").append((long) g.value()).append('\n');
            }
        }
        return sb.toString();
    }
}
