package io.vigil.connectors.evtx;

import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.Fields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How the fields of an event come out of one template for one set of substitution value types:
 * for each field, its name and whether its value is constant text or the text of one
 * substitution value (trimmed or not). Records are mostly template instances, and a log repeats a
 * handful of templates with the same value types, so after the first record of a kind the reader
 * builds events from the plan and the record's values, without walking the template.
 *
 * <p>A plan is found by running the template once with a marker text in place of each value (see
 * {@link #marker}) through the same {@link EventHandler} as any record, and reading back where
 * each marker landed. Whatever the handler does with the text of a value other than pass it on
 * whole (joining it with other text, naming a field after it, testing it for blanks), and value
 * types whose structure depends on the value (arrays, nested binary XML), make the template
 * {@link #UNSUPPORTED} for those types: such records go the general way.
 *
 * <p>Built and used by one reader thread; immutable once built.
 */
final class RecordPlan {
    /** The plan of a template and value types that must go the general way. */
    static final RecordPlan UNSUPPORTED = new RecordPlan(new Template[0], new int[0], new int[0], null, null, null,
            null, null, null, 0);
    /** At most this many plans (nested templates and value types) per template. */
    static final int MAX_PLANS_PER_TEMPLATE = 64;

    /** Thrown, without a stack trace, when a value would be used in a way a plan cannot repeat. */
    static final RuntimeException NOT_PLANNABLE = new RuntimeException("not plannable", null, false, false) {
        private static final long serialVersionUID = 1L;
    };

    private static final char MARK_START = '\uF8F0';
    private static final char MARK_END = '\uF8F1';
    /** A field value with no substitution in it. */
    private static final int CONSTANT = -1;
    /** A multi-valued field: see {@link #items}. */
    private static final int LIST = -2;
    static final long NOT_A_NUMBER = Long.MIN_VALUE;

    /** The instances (templates, first values) and value types the plan was made for. */
    private final Template[] templates;
    private final int[] bases;
    private final int[] types;
    private final Event.Shape shape;
    /** Per field: a substitution index, {@link #CONSTANT} or {@link #LIST}. */
    private final int[] source;
    private final boolean[] trim;
    /** Per field: the constant text, or the {@link Item}s of a list. */
    private final Object[] constants;
    /** The substitutions the general way renders as text, and how many times each. */
    private final int[] rendered;
    private final int[] uses;
    /** Characters of constant text the general way emits per record (its output limit counts them). */
    private final long constantChars;
    /** The most uses of one rendered substitution, and the uses of all of them. */
    private final long maxUses;
    private final long totalUses;
    /** The fields EventID, EventRecordID and TimeCreated when each is one value, else -1. */
    private final int eventIdField;
    private final int recordIdField;
    private final int timeField;

    private RecordPlan(Template[] templates, int[] bases, int[] types, Event.Shape shape, int[] source,
            boolean[] trim, Object[] constants, int[] rendered, int[] uses, long constantChars) {
        this.templates = templates;
        this.bases = bases;
        this.types = types;
        this.shape = shape;
        this.source = source;
        this.trim = trim;
        this.constants = constants;
        this.rendered = rendered;
        this.uses = uses;
        this.constantChars = constantChars;
        long max = 0;
        long total = 0;
        for (int u : uses == null ? new int[0] : uses) {
            max = Math.max(max, u);
            total += u;
        }
        this.maxUses = max;
        this.totalUses = total;
        this.eventIdField = valueField(shape, source, Fields.EVENT_ID);
        this.recordIdField = valueField(shape, source, Fields.EVENT_RECORD_ID);
        this.timeField = valueField(shape, source, Fields.TIME_CREATED);
    }

    private static int valueField(Event.Shape shape, int[] source, String name) {
        if (shape == null) {
            return -1;
        }
        int i = shape.indexOf(name);
        return i >= 0 && source[i] >= 0 ? i : -1;
    }

    /**
     * The marker that stands for substitution {@code index} in the marked run: private-use
     * characters around the index, padded with a blank each side so that a trimmed value can be
     * told from an untrimmed one.
     */
    static String marker(int index) {
        return " " + MARK_START + index + MARK_END + " ";
    }

    /** Characters of {@link #marker}. */
    static int markerLength(int index) {
        return 4 + Integer.toString(index).length();
    }

    /** True when the template's own text could be taken for a marker: no plan is made for it. */
    static boolean confusable(Template template) {
        return template.mentions(MARK_START, MARK_END);
    }

    /** True when this plan was made for exactly these instances and value types. */
    boolean fits(Instances record) {
        int n = templates.length;
        if (record.count != n || record.values != types.length) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (record.templates[i] != templates[i] || record.base[i] != bases[i]) {
                return false;
            }
        }
        return Arrays.equals(record.type, 0, types.length, types, 0, types.length);
    }

    /** Fields a plan holds, for the reader's budget. */
    int size() {
        return source == null ? 0 : source.length;
    }

    /**
     * Makes the plan from the fields of the marked run ({@code marked}: the raw event before
     * normalisation), the uses of each substitution and the characters the run emitted in all.
     */
    static RecordPlan of(Instances record, Event.Builder marked, int[] markerUses, long emittedChars) {
        int n = marked.size();
        List<String> names = new ArrayList<>(n);
        int[] source = new int[n];
        boolean[] trim = new boolean[n];
        Object[] constants = new Object[n];
        for (int i = 0; i < n; i++) {
            String name = marked.name(i);
            if (marked.isDerived(i) || hasMark(name)) {
                return UNSUPPORTED;
            }
            names.add(name);
            Object value = marked.value(i);
            if (value instanceof String[]) {
                String[] items = (String[]) value;
                Item[] planned = new Item[items.length];
                for (int k = 0; k < items.length; k++) {
                    planned[k] = item(items[k]);
                    if (planned[k] == null) {
                        return UNSUPPORTED;
                    }
                }
                source[i] = LIST;
                constants[i] = planned;
            } else if (value instanceof String) {
                Item item = item((String) value);
                if (item == null) {
                    return UNSUPPORTED;
                }
                source[i] = item.source;
                // only text values can start or end with blanks: numbers, times, GUIDs, SIDs and hex cannot
                trim[i] = item.trim && (item.source == CONSTANT || item.source >= record.values
                        || record.type[item.source] == BinXml.TYPE_STRING
                        || record.type[item.source] == BinXml.TYPE_ANSI_STRING);
                constants[i] = item.constant;
            } else {
                return UNSUPPORTED;
            }
        }
        int count = 0;
        long markerChars = 0;
        for (int i = 0; i < markerUses.length; i++) {
            if (markerUses[i] > 0) {
                count++;
                markerChars += (long) markerUses[i] * markerLength(i);
            }
        }
        int[] rendered = new int[count];
        int[] uses = new int[count];
        count = 0;
        for (int i = 0; i < markerUses.length; i++) {
            if (markerUses[i] > 0) {
                rendered[count] = i;
                uses[count++] = markerUses[i];
            }
        }
        return new RecordPlan(Arrays.copyOf(record.templates, record.count), Arrays.copyOf(record.base, record.count),
                Arrays.copyOf(record.type, record.values), new Event.Shape(names), source, trim, constants, rendered, uses,
                emittedChars - markerChars);
    }

    /** One planned value: constant text, or a substitution (trimmed or not); null when neither. */
    private static Item item(String value) {
        if (!hasMark(value)) {
            return new Item(CONSTANT, false, value);
        }
        boolean padded = value.length() >= 2 && value.charAt(0) == ' ' && value.charAt(value.length() - 1) == ' ';
        String bare = padded ? value.substring(1, value.length() - 1) : value;
        if (bare.length() < 3 || bare.charAt(0) != MARK_START || bare.charAt(bare.length() - 1) != MARK_END) {
            return null;
        }
        String digits = bare.substring(1, bare.length() - 1);
        if (digits.isEmpty() || digits.length() > 5) {
            return null;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return null;
            }
        }
        return new Item(Integer.parseInt(digits), !padded, null);
    }

    private static boolean hasMark(String s) {
        return s.indexOf(MARK_START) >= 0 || s.indexOf(MARK_END) >= 0;
    }

    /**
     * The event builder of a record from its values: each rendered substitution is formatted
     * once, and the output limit the general way applies is applied here too.
     */
    Event.Builder build(String sourceName, long record, boolean recovered, ValueFormatter formatter, byte[] data,
            Instances values, int recordBytes, String[] text, int maxChars) {
        for (int k = 0; k < rendered.length; k++) {
            int index = rendered[k];
            String s = formatter.scalar(data, values.offset[index], values.size[index], values.type[index]);
            text[index] = s == null ? "" : s;
        }
        // no value renders to more than 3 characters per byte + 40 (SIDs come closest), and the
        // values lie in the record: only a record that might pass the limit is counted exactly
        long bound = constantChars + 3L * maxUses * recordBytes + 40L * totalUses;
        if (bound > maxChars) {
            long chars = constantChars;
            for (int k = 0; k < rendered.length; k++) {
                chars += (long) uses[k] * text[rendered[k]].length();
            }
            if (chars > maxChars) {
                throw new DecodeFailure("the record expands to more than " + maxChars
                        + " characters");
            }
        }
        int n = source.length;
        Object[] fieldValues = new Object[n];
        for (int i = 0; i < n; i++) {
            int from = source[i];
            if (from >= 0) {
                fieldValues[i] = trim[i] ? text[from].trim() : text[from];
            } else if (from == CONSTANT) {
                fieldValues[i] = constants[i];
            } else {
                Item[] items = (Item[]) constants[i];
                String[] list = new String[items.length];
                for (int k = 0; k < items.length; k++) {
                    Item item = items[k];
                    list[k] = item.source == CONSTANT ? item.constant
                            : item.trim ? text[item.source].trim() : text[item.source];
                }
                fieldValues[i] = list;
            }
        }
        Event.Builder b = Event.builder(sourceName, record, recovered, shape, fieldValues);
        parsed(b, fieldValues, values, data);
        return b;
    }

    /** The EventID of a record of this plan read from its bytes, or {@link #NOT_A_NUMBER} when it has no numeric one. */
    long eventId(byte[] data, Instances values) {
        return eventIdField < 0 ? NOT_A_NUMBER : number(data, values, source[eventIdField]);
    }

    /** Hands the builder the numbers and time behind the System values, read from their bytes. */
    private void parsed(Event.Builder b, Object[] fieldValues, Instances values, byte[] data) {
        String idText = null;
        int id = -1;
        if (eventIdField >= 0) {
            long n = number(data, values, source[eventIdField]);
            if (n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
                idText = (String) fieldValues[eventIdField];
                id = (int) n;
            }
        }
        String recordText = null;
        long record = -1;
        if (recordIdField >= 0) {
            long n = number(data, values, source[recordIdField]);
            if (n != NOT_A_NUMBER) {
                recordText = (String) fieldValues[recordIdField];
                record = n;
            }
        }
        String timeText = null;
        Instant time = null;
        if (timeField >= 0) {
            int v = source[timeField];
            if (values.type[v] == BinXml.TYPE_FILETIME && values.size[v] >= 8) {
                time = ValueFormatter.filetimeInstant(Bytes.i64(data, values.offset[v]));
                timeText = time != null ? (String) fieldValues[timeField] : null;
            }
        }
        if (idText != null || recordText != null || timeText != null) {
            b.parsed(idText, id, recordText, record, timeText, time);
        }
    }

    /** An integer value as its decimal text would parse, or {@link #NOT_A_NUMBER}. */
    private static long number(byte[] data, Instances values, int v) {
        int off = values.offset[v];
        int size = values.size[v];
        switch (values.type[v]) {
            case BinXml.TYPE_INT8:
                return size >= 1 ? data[off] : NOT_A_NUMBER;
            case BinXml.TYPE_UINT8:
                return size >= 1 ? data[off] & 0xff : NOT_A_NUMBER;
            case BinXml.TYPE_INT16:
                return size >= 2 ? (short) Bytes.u16(data, off) : NOT_A_NUMBER;
            case BinXml.TYPE_UINT16:
                return size >= 2 ? Bytes.u16(data, off) : NOT_A_NUMBER;
            case BinXml.TYPE_INT32:
                return size >= 4 ? Bytes.i32(data, off) : NOT_A_NUMBER;
            case BinXml.TYPE_UINT32:
                return size >= 4 ? Bytes.u32(data, off) : NOT_A_NUMBER;
            case BinXml.TYPE_INT64:
                return size >= 8 && Bytes.i64(data, off) != NOT_A_NUMBER ? Bytes.i64(data, off) : NOT_A_NUMBER;
            case BinXml.TYPE_UINT64:
                return size >= 8 && Bytes.i64(data, off) >= 0 ? Bytes.i64(data, off) : NOT_A_NUMBER;
            default:
                return NOT_A_NUMBER;
        }
    }

    private static final class Item {
        final int source;
        final boolean trim;
        final String constant;

        Item(int source, boolean trim, String constant) {
            this.source = source;
            this.trim = trim;
            this.constant = constant;
        }
    }
}
