package io.vigil.connectors.evtx;

import java.util.Arrays;

/**
 * Compiles one binary XML element (a template definition's body, or an element outside any
 * template) into a {@link Template}. Every read is checked against the end of the data, every
 * loop consumes input, and elements nest at most {@link #MAX_ELEMENT_DEPTH} deep. All compiles of
 * one chunk, failed ones included, emit at most {@link #MAX_OPS_PER_CHUNK} operations: template
 * definitions may overlap, so a chunk could otherwise make each byte compile many times.
 */
final class TemplateCompiler {
    static final int MAX_ELEMENT_DEPTH = 128;
    static final int MAX_OPS_PER_CHUNK = 1 << 18;

    private final ValueFormatter formatter;
    private Chunk chunk;
    private byte[] data;
    private int end;
    private boolean dependencyIds;

    private byte[] op = new byte[128];
    private int[] a = new int[128];
    private int[] b = new int[128];
    private Object[] ref = new Object[128];
    private int count;
    /** Set by {@link #nameAt}. */
    private int nameEnd;
    /** The name references read by the last compile: where each sits, whether inline, the name. */
    private int[] refPos = new int[32];
    private byte[] refFlags = new byte[32];
    private XmlName[] refName = new XmlName[32];
    private int refCount;

    TemplateCompiler(ValueFormatter formatter) {
        this.formatter = formatter;
    }

    /**
     * Compiles the template definition at a chunk offset: 4 bytes next offset, 16 bytes GUID,
     * 4 bytes data size, then a fragment header, an element and the end-of-file token.
     */
    Template definition(Chunk c, int offset) {
        if (offset < 0 || offset > c.length - 24) {
            throw DecodeFailure.at(offset, "template definition offset out of the chunk");
        }
        long size = Bytes.u32(c.data, offset + 20);
        int start = offset + 24;
        int stop = (int) Math.min(c.length, start + size);
        int pos = start;
        if (pos < stop && c.data[pos] == BinXml.FRAGMENT_HEADER) {
            pos += 4;
        }
        Template t = element(c, pos, stop, true);
        t.source(c.data, offset, stop, Arrays.copyOf(refPos, refCount), Arrays.copyOf(refFlags, refCount),
                Arrays.copyOf(refName, refCount));
        Arrays.fill(refName, 0, refCount, null);
        return t;
    }

    /**
     * Compiles the element starting at {@code pos}. Elements in template definitions carry a 2-byte
     * dependency identifier after the token; elements outside templates do not.
     */
    Template element(Chunk c, int pos, int stop, boolean withDependencyIds) {
        this.chunk = c;
        this.data = c.data;
        this.end = stop;
        this.dependencyIds = withDependencyIds;
        this.count = 0;
        this.refCount = 0;
        need(pos, 1);
        if ((data[pos] & 0xbf) != BinXml.OPEN_START_ELEMENT) {
            throw DecodeFailure.at(pos, "expected an element, found token 0x" + Integer.toHexString(data[pos] & 0xff));
        }
        int after = element(pos, 1);
        Template t = new Template(Arrays.copyOf(op, count), Arrays.copyOf(a, count), Arrays.copyOf(b, count),
                Arrays.copyOf(ref, count), count, after);
        Arrays.fill(ref, 0, count, null);
        return t;
    }

    private int element(int pos, int depth) {
        if (depth > MAX_ELEMENT_DEPTH) {
            throw DecodeFailure.at(pos, "elements nested deeper than " + MAX_ELEMENT_DEPTH);
        }
        int token = data[pos] & 0xff;
        pos++;
        if (dependencyIds) {
            pos += 2;
        }
        need(pos, 8);
        pos += 4;
        XmlName elementName = nameAt(pos, (token & BinXml.MORE) != 0
                ? Template.REF_ELEMENT | Template.REF_ATTRIBUTE_LIST : Template.REF_ELEMENT);
        pos = nameEnd;
        int start = emit(Template.START, 0, -1, elementName);
        if ((token & BinXml.MORE) != 0) {
            need(pos, 4);
            pos += 4;
            while (pos < end && (data[pos] & 0xbf) == BinXml.ATTRIBUTE) {
                need(pos, 5);
                XmlName attributeName = nameAt(pos + 1, 0);
                pos = nameEnd;
                int attribute = emit(Template.ATTR, 0, 0, attributeName);
                int parts = 0;
                while (pos < end && isValuePart(data[pos] & 0xff)) {
                    pos = valuePart(pos);
                    parts++;
                }
                a[attribute] = parts;
            }
        }
        need(pos, 1);
        int close = data[pos] & 0xff;
        if (close == BinXml.CLOSE_EMPTY_ELEMENT) {
            a[start] = emit(Template.END, 0, 0, null);
            return pos + 1;
        }
        if (close != BinXml.CLOSE_START_ELEMENT) {
            throw DecodeFailure.at(pos, "expected the end of a start tag, found token 0x" + Integer.toHexString(close));
        }
        pos++;
        int contentStart = count;
        while (true) {
            need(pos, 1);
            int t = data[pos] & 0xff;
            if (t == BinXml.END_ELEMENT) {
                if (count == contentStart + 1 && op[contentStart] == Template.SUBST) {
                    b[start] = a[contentStart];
                }
                a[start] = emit(Template.END, 0, 0, null);
                return pos + 1;
            }
            if ((t & 0xbf) == BinXml.OPEN_START_ELEMENT) {
                pos = element(pos, depth + 1);
            } else if (isValuePart(t)) {
                pos = valuePart(pos);
            } else if ((t & 0xbf) == BinXml.CDATA) {
                need(pos, 3);
                int n = Bytes.u16(data, pos + 1);
                need(pos + 3, 2 * n);
                emit(Template.CDATA, 0, 0, formatter.utf16(data, pos + 3, n));
                pos += 3 + 2 * n;
            } else if (t == BinXml.PI_TARGET) {
                pos = processingInstruction(pos);
            } else {
                throw DecodeFailure.at(pos, "unexpected token 0x" + Integer.toHexString(t) + " in element content");
            }
        }
    }

    /** A PI target token and the PI data token after it. */
    private int processingInstruction(int pos) {
        need(pos, 5);
        XmlName target = nameAt(pos + 1, 0);
        pos = nameEnd;
        need(pos, 3);
        if (data[pos] != BinXml.PI_DATA) {
            throw DecodeFailure.at(pos, "PI target without PI data");
        }
        int n = Bytes.u16(data, pos + 1);
        need(pos + 3, 2 * n);
        emit(Template.PI, 0, 0, target.qualified);
        emit(Template.PI, 0, 0, formatter.utf16(data, pos + 3, n));
        return pos + 3 + 2 * n;
    }

    private static boolean isValuePart(int t) {
        int base = t & 0xbf;
        return base == BinXml.VALUE || base == BinXml.CHAR_REF || base == BinXml.ENTITY_REF
                || t == BinXml.NORMAL_SUBSTITUTION || t == BinXml.OPTIONAL_SUBSTITUTION;
    }

    private int valuePart(int pos) {
        int t = data[pos] & 0xff;
        switch (t & 0xbf) {
            case BinXml.VALUE: {
                need(pos, 4);
                int type = data[pos + 1] & 0xff;
                if (type != BinXml.TYPE_STRING) {
                    throw DecodeFailure.at(pos, "value token of type 0x" + Integer.toHexString(type));
                }
                int n = Bytes.u16(data, pos + 2);
                need(pos + 4, 2 * n);
                emit(Template.TEXT, 0, 0, chunk.text(pos + 4, n));
                return pos + 4 + 2 * n;
            }
            case BinXml.NORMAL_SUBSTITUTION:
            case BinXml.OPTIONAL_SUBSTITUTION: {
                need(pos, 4);
                int flags = t == BinXml.OPTIONAL_SUBSTITUTION ? Template.OPTIONAL : 0;
                emit(Template.SUBST, Bytes.u16(data, pos + 1), (data[pos + 3] & 0xff) | flags, null);
                return pos + 4;
            }
            case BinXml.CHAR_REF:
                need(pos, 3);
                emit(Template.CHAR_REF, Bytes.u16(data, pos + 1), 0, null);
                return pos + 3;
            case BinXml.ENTITY_REF: {
                need(pos, 5);
                XmlName entity = nameAt(pos + 1, 0);
                emit(Template.ENTITY_REF, 0, 0, entity.qualified);
                return nameEnd;
            }
            default:
                throw DecodeFailure.at(pos, "unexpected token 0x" + Integer.toHexString(t));
        }
    }

    /**
     * The name referenced by the 4-byte chunk offset at {@code pos}; {@link #nameEnd} receives the
     * offset after the reference, and after the name itself when it is stored right there.
     * {@code flags}: what sizes around the reference the compiler skips ({@link Template#REF_ELEMENT},
     * {@link Template#REF_ATTRIBUTE_LIST}).
     */
    private XmlName nameAt(int pos, int flags) {
        need(pos, 4);
        int offset = Bytes.i32(data, pos);
        pos += 4;
        XmlName name = chunk.name(offset);
        if (refCount == refPos.length) {
            refPos = Arrays.copyOf(refPos, refCount * 2);
            refFlags = Arrays.copyOf(refFlags, refCount * 2);
            refName = Arrays.copyOf(refName, refCount * 2);
        }
        refPos[refCount] = pos - 4;
        refFlags[refCount] = (byte) (offset == pos ? flags | Template.REF_INLINE : flags);
        refName[refCount++] = name;
        if (offset == pos) {
            pos += chunk.nameSize(offset);
            if (pos > end) {
                throw DecodeFailure.at(offset, "name runs past the data");
            }
        }
        nameEnd = pos;
        return name;
    }

    private int emit(byte code, int argA, int argB, Object argRef) {
        if (++chunk.compiledOps > MAX_OPS_PER_CHUNK) {
            throw new DecodeFailure("the chunk's templates exceed " + MAX_OPS_PER_CHUNK + " operations");
        }
        if (count == op.length) {
            int n = count * 2;
            op = Arrays.copyOf(op, n);
            a = Arrays.copyOf(a, n);
            b = Arrays.copyOf(b, n);
            ref = Arrays.copyOf(ref, n);
        }
        op[count] = code;
        a[count] = argA;
        b[count] = argB;
        ref[count] = argRef;
        return count++;
    }

    private void need(int pos, int n) {
        if (pos < 0 || n < 0 || pos > end - n) {
            throw DecodeFailure.at(Math.max(pos, 0), "binary XML runs past the end of its data");
        }
    }
}
