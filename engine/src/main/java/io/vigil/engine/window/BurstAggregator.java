package io.vigil.engine.window;

import static java.util.Objects.requireNonNull;

import io.vigil.compiler.predicate.Aggregation;
import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.compiler.predicate.FieldRef;
import io.vigil.compiler.predicate.Threshold;
import io.vigil.compiler.predicate.WindowKind;
import io.vigil.connectors.event.Event;
import io.vigil.engine.alert.Alert;
import io.vigil.engine.alert.AlertSink;
import io.vigil.engine.alert.BurstWindow;
import io.vigil.engine.alert.EventRef;
import io.vigil.engine.bind.EvalContext;
import io.vigil.engine.bind.RuleBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The aggregation of one burst rule: matching events are grouped by the rule's fields into fixed
 * (epoch-aligned) or sliding windows of event time, and one alert is raised per group per window
 * when every threshold holds.
 *
 * <p>In deferred mode (hunting files) events are only collected, and {@link #flush} replays them
 * in event-time order, so the result does not depend on the order the files were read. In
 * streaming mode fixed windows close when the watermark passes their end.
 */
public final class BurstAggregator {
    /** At most this many events are kept per window; the count goes on beyond it. */
    public static final int MAX_EVENTS_PER_WINDOW = 10_000;

    private final CompiledRule rule;
    private final Aggregation aggregation;
    private final boolean deferred;
    private final long sizeMillis;
    private final int[] groupSlots;
    private final List<int[]> distinctSlots = new ArrayList<>();
    private final List<Pending> pending = new ArrayList<>();
    private final Map<Key, Window> open = new LinkedHashMap<>();
    /** Per group: the latest event time seen, and the end of the latest window closed. */
    private final Map<List<String>, Instant> groupWatermarks = boundedMap();
    private final Map<List<String>, Instant> closedUpTo = boundedMap();
    /** At most this many groups have their event time tracked; the least recently seen go first. */
    public static final int MAX_TRACKED_GROUPS = 100_000;
    private final java.time.InstantSource clock;
    private long lateEvents;
    private long untimedEvents;

    public BurstAggregator(CompiledRule rule, boolean deferred, java.time.InstantSource clock) {
        this.clock = requireNonNull(clock, "clock is null");
        this.rule = requireNonNull(rule, "rule is null");
        this.aggregation = rule.aggregation().orElseThrow(() -> new IllegalArgumentException("not a burst rule"));
        this.deferred = deferred;
        this.sizeMillis = aggregation.size().toMillis();
        this.groupSlots = new int[aggregation.groupBy().size()];
        for (int i = 0; i < groupSlots.length; i++) {
            groupSlots[i] = RuleBinder.slot(aggregation.groupBy().get(i));
        }
        for (Threshold t : aggregation.thresholds()) {
            distinctSlots.add(t.field().map(f -> new int[] {RuleBinder.slot(f)}).orElse(null));
        }
    }

    /** Adds a matching event. */
    public void add(EvalContext ctx, AlertSink sink) {
        Event event = ctx.event();
        if (event.timeCreated() == null) {
            untimedEvents++;
            return;
        }
        Pending p = capture(ctx);
        if (deferred) {
            pending.add(p);
            return;
        }
        accept(p, sink);
    }

    /**
     * Streaming mode: closes the fixed windows whose group has seen event time pass the window's
     * end plus the allowed lateness. Event time is tracked per group (per host, for rules grouped
     * by host), so one host's clock or one partition running ahead never closes another host's
     * windows early. A window whose group falls silent closes after {@code size + lateness} of
     * wall-clock time instead, so its alert is not held back for ever.
     */
    public void advance(Duration lateness, Instant wallClock, AlertSink sink) {
        if (aggregation.window() != WindowKind.FIXED) {
            return;
        }
        Duration silentAfter = aggregation.size().plus(lateness);
        Iterator<Map.Entry<Key, Window>> it = open.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Window> e = it.next();
            Window w = e.getValue();
            Instant groupTime = groupWatermarks.get(e.getKey().group);
            boolean eventTimePassed = groupTime != null && !w.end.plus(lateness).isAfter(groupTime);
            boolean silent = w.openedAt != null && !w.openedAt.plus(silentAfter).isAfter(wallClock);
            if (eventTimePassed || silent) {
                emitIfMet(e.getKey(), w, sink);
                Instant closed = closedUpTo.get(e.getKey().group);
                if (closed == null || w.end.isAfter(closed)) {
                    closedUpTo.put(e.getKey().group, w.end);
                }
                it.remove();
            }
        }
    }

    /** Replays deferred events in time order and closes every window. */
    public void flush(AlertSink sink) {
        pending.sort(Comparator.comparing((Pending p) -> p.time).thenComparing(p -> p.ref.source())
                .thenComparingLong(p -> p.ref.recordId()));
        for (Pending p : pending) {
            accept(p, sink);
        }
        pending.clear();
        List<Map.Entry<Key, Window>> windows = new ArrayList<>(open.entrySet());
        windows.sort(Comparator.comparing((Map.Entry<Key, Window> e) -> e.getValue().start)
                .thenComparing(e -> String.valueOf(e.getKey().group)));
        for (Map.Entry<Key, Window> e : windows) {
            if (aggregation.window() == WindowKind.FIXED) {
                emitIfMet(e.getKey(), e.getValue(), sink);
            }
        }
        open.clear();
    }

    /** Events that arrived for a window already closed. */
    public long lateEvents() {
        return lateEvents;
    }

    /** Matching events without a time, which no window can hold. */
    public long untimedEvents() {
        return untimedEvents;
    }

    /** Open windows, deferred events and tracked groups: the state this aggregator holds. */
    public int stateSize() {
        return open.size() + pending.size() + groupWatermarks.size();
    }

    private void accept(Pending p, AlertSink sink) {
        if (aggregation.window() == WindowKind.FIXED) {
            long startMillis = Math.floorDiv(p.time.toEpochMilli(), sizeMillis) * sizeMillis;
            Instant start = Instant.ofEpochMilli(startMillis);
            Instant end = start.plusMillis(sizeMillis);
            Instant closed = closedUpTo.get(p.group);
            if (closed != null && !end.isAfter(closed)) {
                lateEvents++;
            }
            Instant seen = groupWatermarks.get(p.group);
            if (seen == null || p.time.isAfter(seen)) {
                groupWatermarks.put(p.group, p.time);
            }
            Key key = new Key(p.group, start);
            Window w = open.computeIfAbsent(key, k -> new Window(start, end, distinctSlots.size()));
            if (w.openedAt == null) {
                w.openedAt = clock.instant();
            }
            w.add(p);
        } else {
            Key key = new Key(p.group, Instant.EPOCH);
            Window w = open.computeIfAbsent(key, k -> new Window(p.time, p.time, distinctSlots.size()));
            if (!w.addSorted(p)) {
                return;
            }
            // forget what no window ending at or after the group's newest event can hold
            Instant newest = w.events.get(w.events.size() - 1).time;
            w.removeBefore(newest.minusMillis(sizeMillis));
            fireSliding(key, w, sink);
            if (w.events.isEmpty()) {
                open.remove(key);
            }
        }
    }

    /**
     * Looks for a span of at most the window size, among the group's events in time order, that
     * meets every threshold; raises one alert for the first one found and forgets its events, so
     * that each burst is reported once whatever order its events arrived in.
     */
    private void fireSliding(Key key, Window w, AlertSink sink) {
        List<Pending> events = w.events;
        for (int start = 0; start < events.size(); start++) {
            Instant limit = events.get(start).time.plusMillis(sizeMillis);
            int end = start;
            while (end + 1 < events.size() && !events.get(end + 1).time.isAfter(limit)) {
                end++;
            }
            Window span = new Window(events.get(start).time, events.get(end).time, distinctSlots.size());
            for (int i = start; i <= end; i++) {
                span.add(events.get(i));
            }
            if (met(span)) {
                emit(key, span, sink);
                events.subList(start, end + 1).clear();
                w.recount();
                return;
            }
        }
    }

    private void emitIfMet(Key key, Window w, AlertSink sink) {
        if (met(w)) {
            emit(key, w, sink);
        }
    }

    private boolean met(Window w) {
        List<Threshold> thresholds = aggregation.thresholds();
        for (int i = 0; i < thresholds.size(); i++) {
            Threshold t = thresholds.get(i);
            long observed = t.function() == Threshold.Function.COUNT ? w.count : w.distinct(i).size();
            if (!t.test(observed)) {
                return false;
            }
        }
        return true;
    }

    private void emit(Key key, Window w, AlertSink sink) {
        Map<String, String> group = new LinkedHashMap<>();
        for (int i = 0; i < groupSlots.length; i++) {
            group.put(aggregation.groupBy().get(i).toString(), key.group.get(i));
        }
        Map<String, Long> measures = new LinkedHashMap<>();
        Map<String, List<String>> values = new LinkedHashMap<>();
        measures.put("count", w.count);
        List<Threshold> thresholds = aggregation.thresholds();
        for (int i = 0; i < thresholds.size(); i++) {
            Threshold t = thresholds.get(i);
            if (t.function() == Threshold.Function.DISTINCT) {
                String name = "distinct(" + t.field().get() + ")";
                measures.put(name, (long) w.distinct(i).size());
                values.put(t.field().get().toString(), new ArrayList<>(w.distinct(i)));
            }
        }
        List<EventRef> refs = new ArrayList<>();
        for (Pending p : w.events) {
            refs.add(p.ref);
        }
        BurstWindow burst = new BurstWindow(w.start, w.end, group, refs, measures, values);
        sink.accept(new Alert(rule, w.lastEvent, Optional.of(burst)));
    }

    private Pending capture(EvalContext ctx) {
        Event event = ctx.event();
        List<String> group = new ArrayList<>(groupSlots.length);
        for (int i = 0; i < groupSlots.length; i++) {
            group.add(single(ctx, groupSlots[i], aggregation.groupBy().get(i)));
        }
        String[][] distinct = new String[distinctSlots.size()][];
        for (int i = 0; i < distinct.length; i++) {
            Threshold t = aggregation.thresholds().get(i);
            if (t.field().isPresent()) {
                Object v = ctx.values(distinctSlots.get(i)[0], t.field().get().derivation(), false);
                distinct[i] = v == null ? new String[0] : v instanceof String s ? new String[] {s} : (String[]) v;
            }
        }
        String identity = event.recordId() < 0 ? null
                : event.computer() + "\u0000" + event.channel() + "\u0000" + event.recordId();
        return new Pending(event.timeCreated(), List.copyOf(group), distinct, EventRef.of(event), event, identity);
    }

    private static String single(EvalContext ctx, int slot, FieldRef field) {
        Object v = ctx.values(slot, field.derivation(), false);
        if (v == null) {
            return null;
        }
        return v instanceof String s ? s : String.join(",", (String[]) v);
    }

    private record Key(List<String> group, Instant start) {
    }

    /** A matching event; {@code identity} (host, channel, record id) spots replays, or is null. */
    private record Pending(Instant time, List<String> group, String[][] distinct, EventRef ref, Event event,
            String identity) {
    }

    private static final class Window {
        private Instant start;
        private Instant end;
        private Instant openedAt;
        private final List<Pending> events = new ArrayList<>();
        private final List<Set<String>> distinct = new ArrayList<>();
        private final Set<String> identities = new java.util.HashSet<>();
        private long count;
        private Event lastEvent;

        Window(Instant start, Instant end, int thresholds) {
            this.start = start;
            this.end = end;
            for (int i = 0; i < thresholds; i++) {
                distinct.add(new LinkedHashSet<>());
            }
        }

        /** Adds an event unless the same event (host, channel, record id) is already here. */
        boolean addSorted(Pending p) {
            if (p.identity != null && identities.contains(p.identity)) {
                return false;
            }
            int i = events.size();
            while (i > 0 && events.get(i - 1).time.isAfter(p.time)) {
                i--;
            }
            events.add(i, p);
            if (p.identity != null) {
                identities.add(p.identity);
            }
            return true;
        }

        void removeBefore(Instant cutoff) {
            while (!events.isEmpty() && events.get(0).time.isBefore(cutoff)) {
                Pending gone = events.remove(0);
                if (gone.identity != null) {
                    identities.remove(gone.identity);
                }
            }
        }

        void recount() {
            identities.clear();
            for (Pending p : events) {
                if (p.identity != null) {
                    identities.add(p.identity);
                }
            }
        }

        void add(Pending p) {
            if (p.identity != null && !identities.add(p.identity)) {
                return;
            }
            count++;
            if (events.size() < MAX_EVENTS_PER_WINDOW) {
                events.add(p);
            }
            for (int i = 0; i < p.distinct.length; i++) {
                if (p.distinct[i] != null) {
                    for (String v : p.distinct[i]) {
                        distinct.get(i).add(v);
                    }
                }
            }
            if (lastEvent == null || !p.time.isBefore(lastEvent.timeCreated())) {
                lastEvent = p.event;
            }
        }

        Set<String> distinct(int i) {
            return distinct.get(i);
        }

    }

    private static <K, V> Map<K, V> boundedMap() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > MAX_TRACKED_GROUPS;
            }
        };
    }

}
