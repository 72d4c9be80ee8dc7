package io.vigil.engine.state;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-host keyed state with two bounds: a maximum number of entries (the least recently used go
 * first) and a maximum age in event time (an entry expires once its host's event time has moved
 * more than {@code maxAge} past it). Every stateful feature of the engine keeps its state here —
 * process lineage, script-block reassembly — so that its size is visible and bounded in one way,
 * and so that it can be snapshotted as a whole.
 *
 * <p>Event time is tracked per host: one host's clock running ahead never expires another
 * host's state. Not thread-safe.
 *
 * @param <V> the value kept per key
 */
public final class BoundedState<V> {
    /** At most this many hosts have their event time tracked; the least recently seen go first. */
    public static final int MAX_HOSTS = 100_000;

    private final String name;
    private final int maxEntries;
    private final Duration maxAge;
    private final Listener<V> listener;
    private final LinkedHashMap<Key, Entry<V>> entries = new LinkedHashMap<>(256, 0.75f, true);
    private final LinkedHashMap<String, Instant> hostTime = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > MAX_HOSTS;
        }
    };
    private long evicted;
    private long expired;

    /** A key: the host and an id within it. */
    public record Key(String host, String id) {
        public Key {
            requireNonNull(host, "host is null");
            requireNonNull(id, "id is null");
        }
    }

    /** Told about entries that leave the state because of a bound, so their owner can act. */
    public interface Listener<V> {
        Listener<Object> NONE = (key, value, reason) -> { };

        void removed(Key key, V value, Reason reason);
    }

    /** Why an entry left. */
    public enum Reason {
        /** The entry limit was reached. */
        EVICTED,
        /** Its host's event time moved past its maximum age. */
        EXPIRED,
        /** Its wall-clock deadline passed (the host fell silent). */
        TIMED_OUT
    }

    private static final class Entry<V> {
        private final V value;
        private final Instant eventTime;
        private final Instant wallDeadline;

        Entry(V value, Instant eventTime, Instant wallDeadline) {
            this.value = value;
            this.eventTime = eventTime;
            this.wallDeadline = wallDeadline;
        }
    }

    @SuppressWarnings("unchecked")
    public static <V> BoundedState<V> create(String name, int maxEntries, Duration maxAge) {
        return new BoundedState<>(name, maxEntries, maxAge, (Listener<V>) (Listener<?>) Listener.NONE);
    }

    public BoundedState(String name, int maxEntries, Duration maxAge, Listener<V> listener) {
        this.name = requireNonNull(name, "name is null");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
        this.maxAge = requireNonNull(maxAge, "maxAge is null");
        this.listener = requireNonNull(listener, "listener is null");
    }

    public String name() {
        return name;
    }

    /** Moves a host's event time forward (never back). */
    public void observe(String host, Instant eventTime) {
        if (eventTime == null) {
            return;
        }
        Instant seen = hostTime.get(host);
        if (seen == null || eventTime.isAfter(seen)) {
            hostTime.put(host, eventTime);
        }
    }

    /** The latest event time seen for a host, or null. */
    public Instant hostTime(String host) {
        return hostTime.get(host);
    }

    public V get(String host, String id) {
        Entry<V> e = entries.get(new Key(host, id));
        return e == null ? null : e.value;
    }

    /** Stores a value; {@code wallDeadline} (nullable) is when it times out if its host falls silent. */
    public void put(String host, String id, V value, Instant eventTime, Instant wallDeadline) {
        entries.put(new Key(host, id), new Entry<>(value, eventTime, wallDeadline));
        while (entries.size() > maxEntries) {
            Iterator<Map.Entry<Key, Entry<V>>> it = entries.entrySet().iterator();
            Map.Entry<Key, Entry<V>> eldest = it.next();
            it.remove();
            evicted++;
            listener.removed(eldest.getKey(), eldest.getValue().value, Reason.EVICTED);
        }
    }

    public V remove(String host, String id) {
        Entry<V> e = entries.remove(new Key(host, id));
        return e == null ? null : e.value;
    }

    /**
     * Removes the entries whose host's event time is more than {@code maxAge} past them, and those
     * whose wall-clock deadline has passed; the listener is told about each.
     */
    public void expire(Instant wallClock) {
        List<Map.Entry<Key, Entry<V>>> gone = new ArrayList<>();
        Iterator<Map.Entry<Key, Entry<V>>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Entry<V>> e = it.next();
            Instant host = hostTime.get(e.getKey().host());
            Entry<V> entry = e.getValue();
            boolean old = host != null && entry.eventTime != null && entry.eventTime.plus(maxAge).isBefore(host);
            boolean silent = entry.wallDeadline != null && !entry.wallDeadline.isAfter(wallClock);
            if (old || silent) {
                it.remove();
                gone.add(e);
                expired++;
                listener.removed(e.getKey(), entry.value, old ? Reason.EXPIRED : Reason.TIMED_OUT);
            }
        }
    }

    /** Removes every entry in insertion-independent key order, telling the listener. */
    public void drain(Reason reason) {
        List<Map.Entry<Key, Entry<V>>> all = new ArrayList<>(entries.entrySet());
        entries.clear();
        all.sort((a, b) -> {
            int c = compareTimes(a.getValue().eventTime, b.getValue().eventTime);
            if (c != 0) {
                return c;
            }
            c = a.getKey().host().compareTo(b.getKey().host());
            return c != 0 ? c : a.getKey().id().compareTo(b.getKey().id());
        });
        for (Map.Entry<Key, Entry<V>> e : all) {
            listener.removed(e.getKey(), e.getValue().value, reason);
        }
    }

    private static int compareTimes(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return a.compareTo(b);
    }

    public int size() {
        return entries.size();
    }

    public int maxEntries() {
        return maxEntries;
    }

    public long evicted() {
        return evicted;
    }

    public long expired() {
        return expired;
    }
}
