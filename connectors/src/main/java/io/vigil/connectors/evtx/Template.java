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
    private boolean[] refInline;
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

    void source(byte[] data, int definitionOffset, int stop, int[] positions, boolean[] inline, XmlName[] names) {
        this.source = Arrays.copyOfRange(data, definitionOffset + 4, stop);
        this.sourceOffset = definitionOffset;
        this.refPos = positions;
        this.refInline = inline;
        this.refName = names;
    }

    /** Bytes kept by {@link #source}. */
    int sourceSize() {
        return source == null ? 0 : source.length;
    }

    /**
     * True when the definition at a chunk offset compiles to this template: the same bytes but
     * for the name references, which point at the same relative place for names stored inline and
     * at a name with the same text otherwise.
     */
    boolean definedAt(Chunk c, int offset) {
        if (source == null || offset < 0 || offset > c.length - 24) {
            return false;
        }
        long size = Bytes.u32(c.data, offset + 20);
        int stop = (int) Math.min(c.length, offset + 24 + size);
        int from = offset + 4;
        if (stop - from != source.length) {
            return false;
        }
        int delta = offset - sourceOffset;
        int done = 0;
        for (int k = 0; k < refPos.length; k++) {
            int at = refPos[k] - sourceOffset - 4;
            if (!Arrays.equals(source, done, at, c.data, from + done, from + at)) {
                return false;
            }
            int was = Bytes.i32(source, at);
            int now = Bytes.i32(c.data, from + at);
            if (refInline[k]) {
                if (now != was + delta) {
                    return false;
                }
            } else {
                if (now == refPos[k] + delta + 4) {
                    return false;
                }
                try {
                    if (!c.name(now).qualified.equals(refName[k].qualified)) {
                        return false;
                    }
                } catch (DecodeFailure e) {
                    return false;
                }
            }
            done = at + 4;
        }
        return Arrays.equals(source, done, source.length, c.data, from + done, stop);
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
