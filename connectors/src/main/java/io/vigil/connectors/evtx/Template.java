package io.vigil.connectors.evtx;

import java.util.Arrays;
import java.util.Objects;

/**
 * A binary XML element compiled once per chunk into a flat program: names and literal text are
 * decoded, and substitutions are left as slots filled from each record's values.
 *
 * <p>Operations ({@link #op}) with their arguments in {@link #a}, {@link #b} and {@link #ref}:
 * <ul>
 *   <li>{@code START}: ref = element {@link XmlName}, a = index of the matching {@code END}, b = the
 *       substitution index when the content is exactly one substitution (else -1).</li>
 *   <li>{@code ATTR}: ref = attribute {@link XmlName}, a = number of value parts that follow.</li>
 *   <li>{@code TEXT}, {@code CDATA}: ref = text.</li>
 *   <li>{@code SUBST}: a = substitution index, b = declared type, plus {@link #OPTIONAL}.</li>
 *   <li>{@code CHAR_REF}: a = code point. {@code ENTITY_REF}: ref = entity name.</li>
 *   <li>{@code PI}: ref = target, ref of the next slot = data.</li>
 *   <li>{@code END}.</li>
 * </ul>
 */
final class Template {
    static final byte START = 1;
    static final byte ATTR = 2;
    static final byte TEXT = 3;
    static final byte SUBST = 4;
    static final byte CDATA = 5;
    static final byte CHAR_REF = 6;
    static final byte ENTITY_REF = 7;
    static final byte PI = 8;
    static final byte END = 9;
    /** Flag in {@code b} of a {@code SUBST}: an optional substitution. */
    static final int OPTIONAL = 0x100;

    final byte[] op;
    final int[] a;
    final int[] b;
    final Object[] ref;
    final int length;
    /** Chunk offset just after the compiled element. */
    final int end;
    /** One more than the highest substitution index used. */
    final int substitutions;
    /**
     * Record plans made for this template, one per set of value types; {@link RecordPlan#UNSUPPORTED}
     * marks types that go the general way. Used by the reader thread only.
     */
    RecordPlan[] plans = new RecordPlan[0];

    /**
     * For a template definition: its bytes from the GUID on, the chunk offset they were read at,
     * and the name references in them (chunk offsets of the 4-byte references, whether the name is
     * stored right after, the name). Lets the same definition in a later chunk, wherever it sits,
     * be recognised without compiling it again.
     */
    private byte[] source;
    private int sourceOffset;
    private int[] refPos;
    /** Per name reference: {@link #REF_INLINE}, {@link #REF_ELEMENT}, {@link #REF_ATTRIBUTE_LIST}. */
    private byte[] refFlags;
    private XmlName[] refName;

    Template(byte[] op, int[] a, int[] b, Object[] ref, int length, int end) {
        this.op = op;
        this.a = a;
        this.b = b;
        this.ref = ref;
        this.length = length;
        this.end = end;
        int max = 0;
        for (int i = 0; i < length; i++) {
            if (op[i] == SUBST) {
                max = Math.max(max, a[i] + 1);
            }
        }
        this.substitutions = max;
    }

    /** The name is stored right after its reference. */
    static final int REF_INLINE = 1;
    /** An element's name: the 4 bytes before the reference are the element's data size. */
    static final int REF_ELEMENT = 2;
    /** An element with attributes: the 4 bytes after the name are the attribute list's size. */
    static final int REF_ATTRIBUTE_LIST = 4;

    void source(byte[] data, int definitionOffset, int stop, int[] positions, byte[] flags, XmlName[] names) {
        this.source = Arrays.copyOfRange(data, definitionOffset + 4, stop);
        this.sourceOffset = definitionOffset;
        this.refPos = positions;
        this.refFlags = flags;
        this.refName = names;
    }

    /** Bytes kept by {@link #source}. */
    int sourceSize() {
        return source == null ? 0 : source.length;
    }

    /**
     * True when the definition at a chunk offset compiles to this template: the same GUID and the
     * same bytes but for what the compiler skips (element and attribute-list sizes) and the name
     * references, whose names must have the same text. A name stored inline in one chunk is often
     * a reference to an earlier copy in another (which names a chunk stores inline depends on the
     * templates before it), and the sizes around it change with it, so the two definitions are
     * walked side by side, each skipping its own inline names.
     */
    boolean definedAt(Chunk c, int offset) {
        if (source == null || offset < 0 || offset > c.length - 24) {
            return false;
        }
        byte[] data = c.data;
        long size = Bytes.u32(data, offset + 20);
        if (size > c.length - offset - 24) {
            return false;
        }
        int stop = offset + 24 + (int) size;
        int from = offset + 4;
        // the GUID; the data size (bytes 16-19) changes with the inline names
        if (!Arrays.equals(source, 0, 16, data, from, from + 16)) {
            return false;
        }
        int src = 20;
        int dst = from + 20;
        for (int k = 0; k < refPos.length; k++) {
            int flags = refFlags[k];
            int at = refPos[k] - sourceOffset - 4;
            // an element's data size sits just before its name reference
            int same = (flags & REF_ELEMENT) != 0 ? at - 4 : at;
            int gap = same - src;
            if (gap < 0 || dst + (at - src) + 4 > stop || !Arrays.equals(source, src, same, data, dst, dst + gap)) {
                return false;
            }
            dst += at - src;
            int now = Bytes.i32(data, dst);
            dst += 4;
            if (!c.nameIs(now, refName[k])) {
                return false;
            }
            if (now == dst) {
                dst += c.nameSize(now);
            }
            src = at + 4;
            if ((flags & REF_INLINE) != 0) {
                src += 10 + 2 * Bytes.u16(source, src + 6);
            }
            if ((flags & REF_ATTRIBUTE_LIST) != 0) {
                src += 4;
                dst += 4;
            }
            if (dst > stop) {
                return false;
            }
        }
        int rest = source.length - src;
        return rest >= 0 && dst + rest == stop && Arrays.equals(source, src, source.length, data, dst, stop);
    }

    /** The plan for a record's instances and value types, or null when none was made yet. */
    RecordPlan plan(Instances record) {
        for (RecordPlan plan : plans) {
            if (plan.fits(record)) {
                return plan;
            }
        }
        return null;
    }

    /** True when both compile to the same program (names and literal text compared by value). */
    boolean sameAs(Template other) {
        if (length != other.length || !Arrays.equals(op, 0, length, other.op, 0, length)
                || !Arrays.equals(a, 0, length, other.a, 0, length) || !Arrays.equals(b, 0, length, other.b, 0, length)) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            Object x = ref[i];
            Object y = other.ref[i];
            if (x instanceof XmlName && y instanceof XmlName) {
                if (!((XmlName) x).qualified.equals(((XmlName) y).qualified)) {
                    return false;
                }
            } else if (!Objects.equals(x, y)) {
                return false;
            }
        }
        return true;
    }

    /** True when a name, literal text or character reference of the template holds one of these characters. */
    boolean mentions(char x, char y) {
        for (int i = 0; i < length; i++) {
            Object r = ref[i];
            String s = r instanceof XmlName ? ((XmlName) r).qualified : r instanceof String ? (String) r : null;
            if (s != null && (s.indexOf(x) >= 0 || s.indexOf(y) >= 0)) {
                return true;
            }
            if (op[i] == CHAR_REF && (a[i] == x || a[i] == y)) {
                return true;
            }
        }
        return false;
    }
}
