package io.vigil.connectors.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

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
    /** Null until asked for when the event has a record position (see {@link #builder(String, long, boolean, Shape, Object[])}). */
    private String position;
    private final long record;
    private final boolean recovered;

    /** Field names, exactly one per field; {@link #values} and {@link #derived} may be longer. */
    private final String[] names;
    private final Object[] values;
    private final boolean[] derived;
    /** Field index + 1 of each slot, 0 for absent; shared by the events of one {@link Shape}. */
    private final int[] slotIndex;
    /** Case-folded values by field index, filled on demand. */
    private String[] folded;
    private String raw;

    private Event(Builder b) {
        this.source = b.source;
        this.position = b.position;
        this.record = b.record;
        this.recovered = b.recovered;
        int n = b.size;
        // the values array passes to the event (the builder copies it before any later change);
        // a shape's names, flags and slot index are immutable, a builder's own arrays are copied
        this.values = b.handOver();
        if (b.shape != null) {
            this.names = b.shape.names;
            this.derived = b.shape.derived;
            this.slotIndex = b.shape.slotIndex;
        } else {
            this.names = Arrays.copyOf(b.names, n);
            this.derived = Arrays.copyOf(b.derived, n);
            int[] slots = b.slots;
            for (int i = 0; i < n; i++) {
                if (slots[i] == Builder.UNKNOWN_SLOT) {
                    slots[i] = FieldTable.eventSlot(names[i]);
                }
            }
            this.slotIndex = slotIndex(slots, n);
        }
        this.eventId = b.eventId();
        this.channel = b.single(Fields.CHANNEL);
        this.provider = b.single(Fields.PROVIDER);
        this.computer = b.single(Fields.COMPUTER);
        String record = b.single(Fields.EVENT_RECORD_ID);
        this.recordId = record != null && record == b.recordIdText ? b.recordIdHint : parseLong(record, -1);
        String time = b.single(Fields.TIME_CREATED);
        this.timeCreated = time != null && time == b.timeText ? b.timeHint : parseTime(time);
        this.type = b.type != null ? b.type : EventType.classify(channel, provider, eventId);
    }

    public static Builder builder(String source, String position) {
        return new Builder(source, position);
    }

    /**
     * A builder holding the fields of a shape with these values (a String, a String[] or null for
     * present-but-null each), in the shape's order. The builder takes the array over.
     */
    public static Builder builder(String source, String position, Shape shape, Object[] values) {
        return new Builder(source, requireNonNull(position, "position is null"), requireNonNull(shape, "shape is null"),
                requireNonNull(values, "values is null"));
    }

    /**
     * As {@link #builder(String, String, Shape, Object[])}, at the position {@code record N} (or
     * {@code record N recovered}), whose text is made only if asked for.
     */
    public static Builder builder(String source, long record, boolean recovered, Shape shape, Object[] values) {
        Builder b = new Builder(source, null, requireNonNull(shape, "shape is null"), requireNonNull(values, "values is null"));
        b.record = record;
        b.recovered = recovered;
        return b;
    }

    /** {@code record N}, or {@code record N recovered} for a record recovered from slack space. */
    public static String recordPosition(long record, boolean recovered) {
        return recovered ? "record " + record + " recovered" : "record " + record;
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
        String p = position;
        if (p == null) {
            p = recordPosition(record, recovered);
            position = p;
        }
        return p;
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
        Builder b = new Builder(source, position());
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
        return slot < slotIndex.length && slotIndex[slot] != 0;
    }

    /** True when the field is present with a null value. */
    public boolean isNull(int slot) {
        return slot < slotIndex.length && slotIndex[slot] != 0 && values[slotIndex[slot] - 1] == NULL_VALUE;
    }

    /**
     * The raw value at a slot: null when absent or null-valued, a {@code String}, or a
     * {@code String[]} for multi-valued fields.
     */
    public Object value(int slot) {
        int at = slot < slotIndex.length ? slotIndex[slot] : 0;
        if (at == 0) {
            return null;
        }
        Object v = values[at - 1];
        return v == NULL_VALUE ? null : v;
    }

    /** The string value at a slot; null when absent, null-valued or multi-valued. */
    public String string(int slot) {
        int at = slot < slotIndex.length ? slotIndex[slot] : 0;
        if (at == 0) {
            return null;
        }
        Object v = values[at - 1];
        return v instanceof String ? (String) v : null;
    }

    /** The case-folded string value at a slot, computed at most once per event. */
    public String folded(int slot) {
        int at = slot < slotIndex.length ? slotIndex[slot] : 0;
        if (at == 0 || !(values[at - 1] instanceof String)) {
            return null;
        }
        if (folded == null) {
            folded = new String[names.length];
        }
        String f = folded[at - 1];
        if (f == null) {
            f = CaseFolding.fold((String) values[at - 1]);
            folded[at - 1] = f;
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
                .append(position());
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

    /**
     * The field names of events that share one layout, with their slots and a name index worked
     * out once: a reader that sees the same layout record after record (an .evtx template) builds
     * each event from a shape and an array of values instead of putting fields one by one.
     * Immutable.
     */
    public static final class Shape {
        /** At most this many shapes grow from one shape made by {@link #Shape(List)}, all steps counted. */
        static final int MAX_GROWN = 256;

        private final String[] names;
        private final int[] slots;
        private final boolean[] derived;
        private final int[] slotIndex;
        private final String[] table;
        private final int[] tableIndex;
        /** The shape this one grew from by {@link #plus} steps, or itself; it keeps the count. */
        private final Shape root;
        private final AtomicInteger grown;
        /** The shapes with one more field, as (name, derived flag, shape) triples: copied on write. */
        private volatile Object[] successors = new Object[0];

        /** A shape with these field names, which must be distinct. */
        public Shape(List<String> names) {
            this(names.toArray(new String[0]), new boolean[names.size()], null);
        }

        private Shape(String[] names, boolean[] derived, Shape root) {
            this.names = names;
            this.derived = derived;
            this.root = root == null ? this : root;
            this.grown = root == null ? new AtomicInteger() : null;
            this.slots = new int[names.length];
            int capacity = tableCapacity(names.length);
            this.table = new String[capacity];
            this.tableIndex = new int[capacity];
            for (int i = 0; i < names.length; i++) {
                requireNonNull(names[i], "name is null");
                if (Builder.find(table, names[i]) >= 0) {
                    throw new IllegalArgumentException("field " + names[i] + " appears twice");
                }
                Builder.insert(table, tableIndex, names[i], i);
                slots[i] = FieldTable.eventSlot(names[i]);
            }
            this.slotIndex = Event.slotIndex(slots, names.length);
        }

        public int size() {
            return names.length;
        }

        /** The index of a field name, or -1. */
        public int indexOf(String name) {
            int at = Builder.find(table, name);
            return at < 0 ? -1 : tableIndex[at];
        }

        /**
         * This shape with one more field at the end, a name it does not have: the same shape for
         * the same name and flag every time, so that the events a normaliser adds the same fields
         * to share one layout. Null once {@link #MAX_GROWN} shapes grew from the root shape.
         */
        Shape plus(String name, boolean isDerived) {
            Object[] known = successors;
            for (int i = 0; i < known.length; i += 3) {
                if ((Boolean) known[i + 1] == isDerived && name.equals(known[i])) {
                    return (Shape) known[i + 2];
                }
            }
            if (root.grown.incrementAndGet() > MAX_GROWN) {
                root.grown.set(MAX_GROWN);
                return null;
            }
            int n = names.length;
            String[] more = Arrays.copyOf(names, n + 1);
            more[n] = name;
            boolean[] flags = Arrays.copyOf(derived, n + 1);
            flags[n] = isDerived;
            Shape next = new Shape(more, flags, root);
            Object[] grownList = Arrays.copyOf(known, known.length + 3);
            grownList[known.length] = name;
            grownList[known.length + 1] = isDerived;
            grownList[known.length + 2] = next;
            // two threads may each add a shape for the same name; either one is right
            successors = grownList;
            return next;
        }
    }

    /** Field index + 1 by slot for the first {@code n} slots (negative: no slot). */
    private static int[] slotIndex(int[] slots, int n) {
        int max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, slots[i] + 1);
        }
        int[] index = new int[max];
        for (int i = 0; i < n; i++) {
            if (slots[i] >= 0) {
                index[slots[i]] = i + 1;
            }
        }
        return index;
    }

    /** A power of two at least twice {@code n}, and at least 16. */
    private static int tableCapacity(int n) {
        return Math.max(16, Integer.highestOneBit(Math.max(1, 2 * n + 1)) << 1);
    }

    /**
     * Builds an event; later puts of the same name replace the earlier value in place. Fields sit
     * in arrays with an open-addressing name index: readers put dozens of fields per record and
     * the normaliser looks several of them up.
     */
    public static final class Builder {
        private static final int UNKNOWN_SLOT = Integer.MIN_VALUE;

        private final String source;
        /** The position, or null for {@code record} {@link #record} (recovered or not). */
        private final String position;
        private long record;
        private boolean recovered;
        private String[] names;
        private Object[] values;
        private boolean[] derived;
        private int[] slots;
        private int size;
        /** Names by hash (linear probing) and the field index of each; null entries are free. */
        private String[] table;
        private int[] tableIndex;
        /**
         * The shape whose names, slots, derived flags and table this builder uses, or null once
         * it has arrays of its own; adding a field moves it to the next shape.
         */
        private Shape shape;
        /** The values array went to an event: copy it before changing anything. */
        private boolean handedOver;
        private EventType type;
        /** Parsed forms of System values, valid while the field holds exactly that text (see {@link #parsed}). */
        private String eventIdText;
        private int eventIdHint;
        private String recordIdText;
        private long recordIdHint;
        private String timeText;
        private Instant timeHint;

        private Builder(String source, String position) {
            this.source = requireNonNull(source, "source is null");
            this.position = requireNonNull(position, "position is null");
            this.names = new String[16];
            this.values = new Object[16];
            this.derived = new boolean[16];
            this.slots = new int[16];
            this.table = new String[32];
            this.tableIndex = new int[32];
        }

        private Builder(String source, String position, Shape shape, Object[] shapeValues) {
            this.source = requireNonNull(source, "source is null");
            this.position = position;
            int n = shape.names.length;
            if (shapeValues.length < n) {
                throw new IllegalArgumentException("expected " + n + " values, got " + shapeValues.length);
            }
            for (int i = 0; i < n; i++) {
                Object v = shapeValues[i];
                if (v == null) {
                    shapeValues[i] = NULL_VALUE;
                } else if (!(v instanceof String) && !(v instanceof String[])) {
                    throw new IllegalArgumentException("value of " + shape.names[i] + " is not a string or strings");
                }
            }
            useShape(shape);
            this.values = shapeValues;
            this.size = n;
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
            return i >= 0 && values[i] instanceof String[] ? List.of((String[]) values[i]) : List.of();
        }

        /** True when the field is present with a null value. */
        public boolean isNull(String name) {
            int i = indexOf(name);
            return i >= 0 && values[i] == NULL_VALUE;
        }

        /** Removes a field if present. */
        public Builder remove(String name) {
            int i = indexOf(name);
            if (i >= 0) {
                writable();
                own(size);
                System.arraycopy(names, i + 1, names, i, size - i - 1);
                System.arraycopy(values, i + 1, values, i, size - i - 1);
                System.arraycopy(derived, i + 1, derived, i, size - i - 1);
                System.arraycopy(slots, i + 1, slots, i, size - i - 1);
                size--;
                names[size] = null;
                values[size] = null;
                Arrays.fill(table, null);
                for (int j = 0; j < size; j++) {
                    insert(table, tableIndex, names[j], j);
                }
            }
            return this;
        }

        public boolean has(String name) {
            return indexOf(name) >= 0;
        }

        /** The number of fields set so far. */
        public int size() {
            return size;
        }

        /** The name of the field at an index, in the order the fields were first set. */
        public String name(int index) {
            return names[checkIndex(index)];
        }

        /** The value of the field at an index: null, a String, or a copy of a String[]. */
        public Object value(int index) {
            Object v = values[checkIndex(index)];
            return v == NULL_VALUE ? null : v instanceof String[] ? ((String[]) v).clone() : v;
        }

        /** True when the field at an index was derived by normalisation. */
        public boolean isDerived(int index) {
            return derived[checkIndex(index)];
        }

        private int checkIndex(int index) {
            return java.util.Objects.checkIndex(index, size);
        }

        private int indexOf(String name) {
            int at = find(table, name);
            return at < 0 ? -1 : tableIndex[at];
        }

        /** The current string value of a field, or null. */
        public String single(String name) {
            int i = indexOf(name);
            return i >= 0 && values[i] instanceof String ? (String) values[i] : null;
        }

        /**
         * The parsed forms of the EventID, EventRecordID and TimeCreated texts this builder holds
         * (a null text: not known), for a reader that has them from the source at no cost: the
         * event then need not parse the texts again. A hint counts only while its field holds that
         * very text, so a field changed later is parsed as usual.
         */
        public Builder parsed(String eventIdValue, int eventIdNumber, String recordIdValue, long recordIdNumber,
                String timeValue, Instant time) {
            this.eventIdText = eventIdValue;
            this.eventIdHint = eventIdNumber;
            this.recordIdText = recordIdValue;
            this.recordIdHint = recordIdNumber;
            this.timeText = timeValue;
            this.timeHint = time;
            return this;
        }

        /** The numeric EventID of the event being built, or -1 when it is missing or not a number. */
        public int eventId() {
            String s = single(Fields.EVENT_ID);
            return s != null && s == eventIdText ? eventIdHint : parseInt(s, -1);
        }

        /** Forces the event type instead of classifying from channel, provider and event id. */
        public Builder type(EventType type) {
            this.type = requireNonNull(type, "type is null");
            return this;
        }

        private void useShape(Shape s) {
            shape = s;
            names = s.names;
            slots = s.slots;
            derived = s.derived;
            table = s.table;
            tableIndex = s.tableIndex;
        }

        /** The values array, now the event's: this builder copies it before its next change. */
        Object[] handOver() {
            handedOver = true;
            return values;
        }

        private void writable() {
            if (handedOver) {
                handedOver = false;
                values = values.clone();
            }
        }

        private Builder set(String name, Object value, boolean isDerived) {
            requireNonNull(name, "name is null");
            writable();
            int at = find(table, name);
            if (at >= 0) {
                int i = tableIndex[at];
                if (derived[i] != isDerived) {
                    own(size);
                    derived[i] = isDerived;
                }
                values[i] = value;
                return this;
            }
            Shape next = shape == null ? null : shape.plus(name, isDerived);
            if (next != null) {
                if (values.length <= size) {
                    values = Arrays.copyOf(values, size + 4);
                }
                values[size] = value;
                size++;
                useShape(next);
                return this;
            }
            own(size + 1);
            if (2 * (size + 1) > table.length) {
                rehash(table.length * 2);
            }
            names[size] = name;
            values[size] = value;
            derived[size] = isDerived;
            slots[size] = UNKNOWN_SLOT;
            insert(table, tableIndex, name, size);
            size++;
            return this;
        }

        /** Makes the arrays this builder's own, with room for {@code capacity} fields. */
        private void own(int capacity) {
            if (shape != null) {
                shape = null;
                int n = Math.max(16, capacity + 8);
                names = Arrays.copyOf(names, n);
                slots = Arrays.copyOf(slots, n);
                values = Arrays.copyOf(values, n);
                derived = Arrays.copyOf(derived, n);
                table = table.clone();
                tableIndex = tableIndex.clone();
            } else if (capacity > names.length) {
                int n = Math.max(capacity, names.length * 2);
                names = Arrays.copyOf(names, n);
                slots = Arrays.copyOf(slots, n);
                values = Arrays.copyOf(values, n);
                derived = Arrays.copyOf(derived, n);
            }
        }

        private void rehash(int capacity) {
            table = new String[capacity];
            tableIndex = new int[capacity];
            for (int j = 0; j < size; j++) {
                insert(table, tableIndex, names[j], j);
            }
        }

        /** The table position of a name, or -1. */
        static int find(String[] table, String name) {
            int mask = table.length - 1;
            for (int p = name.hashCode() & mask; ; p = (p + 1) & mask) {
                String k = table[p];
                if (k == null) {
                    return -1;
                }
                if (k == name || k.equals(name)) {
                    return p;
                }
            }
        }

        static void insert(String[] table, int[] tableIndex, String name, int index) {
            int mask = table.length - 1;
            int p = name.hashCode() & mask;
            while (table[p] != null) {
                p = (p + 1) & mask;
            }
            table[p] = name;
            tableIndex[p] = index;
        }

        public Event build() {
            return new Event(this);
        }
    }
}
