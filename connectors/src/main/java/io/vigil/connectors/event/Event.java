package io.vigil.connectors.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One normalised Windows event. Field values are reached by slot (see {@link FieldTable}); each
 * field is either absent, present with a null value, a string (possibly empty), or a list of
 * strings (the unnamed {@code <Data>} elements). Absent, null and empty stay distinct.
 *
 * <p>Instances are immutable apart from lazily computed caches (case-folded values and the
 * {@code _raw} text); they are not meant to be shared between threads while being evaluated.
 */
public final class Event {
    /** Marker for a field that is present with a null value. */
    private static final Object NULL_VALUE = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private final EventType type;
    private final int eventId;
    private final String channel;
    private final String provider;
    private final String computer;
    private final Instant timeCreated;
    private final long recordId;
    private final String source;
    private final String position;

    private final String[] names;
    private final Object[] values;
    private final boolean[] derived;
    private final Object[] bySlot;
    private String[] folded;
    private String raw;

    private Event(Builder b) {
        this.source = b.source;
        this.position = b.position;
        int n = b.names.size();
        this.names = b.names.toArray(new String[0]);
        this.values = b.values.toArray();
        this.derived = Arrays.copyOf(b.derived, n);
        int max = 0;
        int[] slots = new int[n];
        for (int i = 0; i < n; i++) {
            slots[i] = FieldTable.eventSlot(names[i]);
            max = Math.max(max, slots[i] + 1);
        }
        this.bySlot = new Object[max];
        for (int i = 0; i < n; i++) {
            if (slots[i] >= 0) {
                bySlot[slots[i]] = values[i];
            }
        }
        this.eventId = parseInt(b.single(Fields.EVENT_ID), -1);
        this.channel = b.single(Fields.CHANNEL);
        this.provider = b.single(Fields.PROVIDER);
        this.computer = b.single(Fields.COMPUTER);
        this.recordId = parseLong(b.single(Fields.EVENT_RECORD_ID), -1);
        this.timeCreated = parseTime(b.single(Fields.TIME_CREATED));
        this.type = b.type != null ? b.type : EventType.classify(channel, provider, eventId);
    }

    public static Builder builder(String source, String position) {
        return new Builder(source, position);
    }

    public EventType type() {
        return type;
    }

    /** The numeric event id, or -1 when it is missing or not a number. */
    public int eventId() {
        return eventId;
    }

    public String channel() {
        return channel;
    }

    public String provider() {
        return provider;
    }

    public String computer() {
        return computer;
    }

    /** The event time in UTC, or null when the event carries no parsable time. */
    public Instant timeCreated() {
        return timeCreated;
    }

    /** EventRecordID, or -1 when unknown. */
    public long recordId() {
        return recordId;
    }

    /** Where the event came from: a file path, or {@code topic/partition/offset}. */
    public String source() {
        return source;
    }

    /** Where in the source: {@code line 12}, {@code record 5}, {@code offset 7}. */
    public String position() {
        return position;
    }

    /** A copy of this event with one more derived field (or a derived field replaced). */
    public Event withDerived(String name, String value) {
        return with(name, value, true);
    }

    /**
     * A copy of this event with one field set: added at the end, or replaced in place. A field
     * that is not derived counts as read from the source (it is part of {@link #raw()}).
     */
    public Event with(String name, String value, boolean isDerived) {
        Builder b = new Builder(source, position);
        for (int i = 0; i < names.length; i++) {
            b.set(names[i], values[i], derived[i]);
        }
        b.set(name, value == null ? NULL_VALUE : value, isDerived);
        if (type != EventType.classify(channel, provider, eventId)) {
            b.type(type);
        }
        return b.build();
    }

    // ---- slot access (hot path) ----

    /** True when the field is present, whatever its value (null and empty included). */
    public boolean has(int slot) {
        return slot < bySlot.length && bySlot[slot] != null;
    }

    /** True when the field is present with a null value. */
    public boolean isNull(int slot) {
        return slot < bySlot.length && bySlot[slot] == NULL_VALUE;
    }

    /**
     * The raw value at a slot: null when absent or null-valued, a {@code String}, or a
     * {@code String[]} for multi-valued fields.
     */
    public Object value(int slot) {
        if (slot >= bySlot.length) {
            return null;
        }
        Object v = bySlot[slot];
        return v == NULL_VALUE ? null : v;
    }

    /** The string value at a slot; null when absent, null-valued or multi-valued. */
    public String string(int slot) {
        if (slot >= bySlot.length) {
            return null;
        }
        Object v = bySlot[slot];
        return v instanceof String ? (String) v : null;
    }

    /** The case-folded string value at a slot, computed at most once per event. */
    public String folded(int slot) {
        String s = string(slot);
        if (s == null) {
            return null;
        }
        if (folded == null) {
            folded = new String[bySlot.length];
        }
        String f = folded[slot];
        if (f == null) {
            f = CaseFolding.fold(s);
            folded[slot] = f;
        }
        return f;
    }

    // ---- name access (alerts, output, tests) ----

    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /** The string value of a field, or null when absent, null-valued or multi-valued. */
    public String get(String name) {
        int i = indexOf(name);
        return i >= 0 && values[i] instanceof String ? (String) values[i] : null;
    }

    /** All values of a field: empty when absent or null, one element for a plain string. */
    public List<String> getAll(String name) {
        int i = indexOf(name);
        if (i < 0 || values[i] == NULL_VALUE) {
            return List.of();
        }
        if (values[i] instanceof String[]) {
            return List.of((String[]) values[i]);
        }
        return List.of((String) values[i]);
    }

    /** True when the field is present with a null value. */
    public boolean isNull(String name) {
        int i = indexOf(name);
        return i >= 0 && values[i] == NULL_VALUE;
    }

    public int fieldCount() {
        return names.length;
    }

    public String fieldName(int index) {
        return names[index];
    }

    /** The value of the field at an index: null, a String, or a String[]. */
    public Object fieldValue(int index) {
        Object v = values[index];
        return v == NULL_VALUE ? null : v instanceof String[] ? ((String[]) v).clone() : v;
    }

    /** True when the field was derived by normalisation rather than read from the source. */
    public boolean isDerived(int index) {
        return derived[index];
    }

    /**
     * The canonical {@code _raw} text: the values of every field read from the source (not the
     * derived ones), one per line, in source order. Rules use it for keyword and term searches.
     */
    public String raw() {
        String r = raw;
        if (r == null) {
            StringBuilder sb = new StringBuilder(256);
            for (int i = 0; i < names.length; i++) {
                if (derived[i]) {
                    continue;
                }
                Object v = values[i];
                if (v instanceof String) {
                    sb.append((String) v).append('\n');
                } else if (v instanceof String[]) {
                    for (String s : (String[]) v) {
                        sb.append(s).append('\n');
                    }
                }
            }
            r = sb.toString();
            raw = r;
        }
        return r;
    }

    private int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Event{").append(type.id()).append(' ').append(source).append(' ')
                .append(position);
        for (int i = 0; i < names.length; i++) {
            sb.append(", ").append(names[i]).append('=');
            Object v = values[i];
            sb.append(v instanceof String[] ? Arrays.toString((String[]) v) : String.valueOf(v));
        }
        return sb.append('}').toString();
    }

    private static int parseInt(String s, int dflt) {
        if (s == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static long parseLong(String s, long dflt) {
        if (s == null) {
            return dflt;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static Instant parseTime(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        return Timestamps.parse(s);
    }

    /** Builds an event; later puts of the same name replace the earlier value in place. */
    public static final class Builder {
        private final String source;
        private final String position;
        private final List<String> names = new ArrayList<>();
        private final List<Object> values = new ArrayList<>();
        /** name -> index in {@link #names}: readers put dozens of fields per record. */
        private final java.util.HashMap<String, Integer> index = new java.util.HashMap<>();
        private boolean[] derived = new boolean[16];
        private EventType type;

        private Builder(String source, String position) {
            this.source = requireNonNull(source, "source is null");
            this.position = requireNonNull(position, "position is null");
        }

        /** Sets a field read from the source. A null value means present-but-null. */
        public Builder put(String name, String value) {
            return set(name, value == null ? NULL_VALUE : value, false);
        }

        /** Sets a multi-valued field read from the source. */
        public Builder putAll(String name, List<String> list) {
            return set(name, list.toArray(new String[0]), false);
        }

        /** Sets a field computed by normalisation (not part of {@code _raw}). */
        public Builder derive(String name, String value) {
            return set(name, value == null ? NULL_VALUE : value, true);
        }

        /** Sets a multi-valued field computed by normalisation (not part of {@code _raw}). */
        public Builder deriveAll(String name, List<String> list) {
            return set(name, list.toArray(new String[0]), true);
        }

        /** The current values of a multi-valued field, or an empty list when it is absent or single-valued. */
        public List<String> list(String name) {
            int i = indexOf(name);
            return i >= 0 && values.get(i) instanceof String[] ? List.of((String[]) values.get(i)) : List.of();
        }

        /** True when the field is present with a null value. */
        public boolean isNull(String name) {
            int i = indexOf(name);
            return i >= 0 && values.get(i) == NULL_VALUE;
        }

        /** Removes a field if present. */
        public Builder remove(String name) {
            int i = indexOf(name);
            if (i >= 0) {
                names.remove(i);
                values.remove(i);
                System.arraycopy(derived, i + 1, derived, i, derived.length - i - 1);
                index.clear();
                for (int j = 0; j < names.size(); j++) {
                    index.put(names.get(j), j);
                }
            }
            return this;
        }

        public boolean has(String name) {
            return index.containsKey(name);
        }

        private int indexOf(String name) {
            Integer i = index.get(name);
            return i == null ? -1 : i;
        }

        /** The current string value of a field, or null. */
        public String single(String name) {
            int i = indexOf(name);
            return i >= 0 && values.get(i) instanceof String ? (String) values.get(i) : null;
        }

        /** Forces the event type instead of classifying from channel, provider and event id. */
        public Builder type(EventType type) {
            this.type = requireNonNull(type, "type is null");
            return this;
        }

        private Builder set(String name, Object value, boolean isDerived) {
            requireNonNull(name, "name is null");
            int i = indexOf(name);
            if (i >= 0) {
                values.set(i, value);
                derived[i] = isDerived;
                return this;
            }
            index.put(name, names.size());
            names.add(name);
            values.add(value);
            if (names.size() > derived.length) {
                derived = Arrays.copyOf(derived, derived.length * 2);
            }
            derived[names.size() - 1] = isDerived;
            return this;
        }

        public Event build() {
            return new Event(this);
        }
    }

}
