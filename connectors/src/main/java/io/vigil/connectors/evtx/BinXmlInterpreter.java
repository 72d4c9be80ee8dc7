package io.vigil.connectors.evtx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Walks the binary XML of a record and reports its structure to a {@link BinXmlHandler}: template
 * instances run their compiled template (cached per chunk) with the record's substitution values,
 * and BinXml substitution values (type 0x21) are walked in place. Template instances and BinXml
 * values nest at most {@link #MAX_NESTING} deep.
 *
 * <p>Substitution rules (MS-EVEN6, libevtx format notes): an element whose only content is an
 * optional substitution with a NULL value is left out, as is an attribute whose value is one; an
 * element whose only content is an array value is repeated once per item (once, empty, for an
 * empty array).
 *
 * <p>A template instance names its definition by chunk offset and by identifier (the first four
 * bytes of the definition's GUID). Records recovered from slack space often point at definitions
 * that have since been overwritten; for them the interpreter falls back on a definition with the
 * same identifier compiled earlier in the file (names are resolved at compile time, so a compiled
 * template does not depend on its chunk).
 */
final class BinXmlInterpreter {
    static final int MAX_NESTING = 8;
    /**
     * Work and output limits per record: templates can reference one value many times and BinXml
     * values can nest templates, so a small record could otherwise expand without bound.
     */
    static final int MAX_OPS_PER_RECORD = 1 << 20;
    static final int MAX_CHARS_PER_RECORD = 16 << 20;
    /** Templates remembered across chunks, counted in operations. */
    static final int MAX_KNOWN_OPS = 1 << 20;
    /** Definition bytes kept with the templates remembered across chunks. */
    static final long MAX_KNOWN_BYTES = 16 << 20;

    private final ValueFormatter formatter;
    private final TemplateCompiler compiler;
    private final Substitutions[] substitutions = new Substitutions[MAX_NESTING + 1];
    private XmlName[] attributeNames = new XmlName[8];
    private String[] attributeValues = new String[8];
    private final StringBuilder text = new StringBuilder();
    private final List<String> items = new ArrayList<>();
    /** The first template compiled under each identifier, within the budget below. */
    private final KnownTemplates known = new KnownTemplates();
    /** Whether a definition seen in an earlier chunk is recognised without compiling it (tests turn it off). */
    private boolean recognise = true;
    private long templatesCompiled;
    private boolean recovering;
    private int knownOps;
    private long knownBytes;
    private int opsLeft;
    private long charsLeft;
    private Chunk chunk;
    private byte[] data;
    private BinXmlHandler handler;
    /** Set by {@link #attributes}: the op after the last attribute. */
    private int attributesEnd;
    /** Set by {@link #prepare}: the offset after the values of the template instance. */
    private int preparedEnd;
    /** In a marked run (see {@link RecordPlan}), the uses of each flat value; else null. */
    private int[] markerUses;
    /** In a marked run, the first flat value of the instance being run, and of the next one entered. */
    private int markerBase;
    private int nextMarkerBase;
    private final Instances instances = new Instances();

    /** This reader's limits per record: {@link #MAX_OPS_PER_RECORD} and {@link #MAX_CHARS_PER_RECORD} unless lowered. */
    private int maxOps = MAX_OPS_PER_RECORD;
    private int maxChars = MAX_CHARS_PER_RECORD;

    BinXmlInterpreter(ValueFormatter formatter) {
        this.formatter = formatter;
        this.compiler = new TemplateCompiler(formatter);
        for (int i = 0; i < substitutions.length; i++) {
            substitutions[i] = new Substitutions();
        }
    }

    /**
     * Walks the binary XML between two chunk offsets (a record's event data); {@code recovered}
     * is true for a record from slack space.
     */
    void record(Chunk c, int start, int end, BinXmlHandler h, boolean recovered) {
        chunk = c;
        data = c.data;
        handler = h;
        recovering = recovered;
        opsLeft = maxOps;
        charsLeft = maxChars;
        document(start, end, 0);
    }

    private void document(int pos, int end, int nesting) {
        if (nesting > MAX_NESTING) {
            throw DecodeFailure.at(pos, "binary XML nested deeper than " + MAX_NESTING);
        }
        while (pos < end) {
            int t = data[pos] & 0xff;
            if (t == BinXml.EOF) {
                return;
            } else if (t == BinXml.FRAGMENT_HEADER) {
                need(pos, 4, end);
                pos += 4;
            } else if (t == BinXml.TEMPLATE_INSTANCE) {
                pos = templateInstance(pos, end, nesting);
            } else if ((t & 0xbf) == BinXml.OPEN_START_ELEMENT) {
                Template element = chunk.element(pos);
                if (element == null) {
                    element = bareElement(pos, end);
                    chunk.element(pos, element);
                }
                run(element, Substitutions.NONE, nesting);
                pos = element.end;
            } else if (t == BinXml.PI_TARGET) {
                pos = processingInstruction(pos, end);
            } else {
                throw DecodeFailure.at(pos, "unexpected token 0x" + Integer.toHexString(t));
            }
        }
    }

    /**
     * An element outside any template (a record without a template, or a BinXml value). Such
     * elements are written without the 2-byte dependency identifier that elements in template
     * definitions carry; the layout with it is tried when the short one does not parse.
     */
    private Template bareElement(int pos, int end) {
        try {
            return compiler.element(chunk, pos, end, false);
        } catch (DecodeFailure e) {
            try {
                return compiler.element(chunk, pos, end, true);
            } catch (DecodeFailure ignored) {
                throw e;
            }
        }
    }

    /** Token, 1 byte unknown, 4 bytes template id, 4 bytes definition offset, [definition], values. */
    private int templateInstance(int pos, int end, int nesting) {
        Template template = prepare(pos, end, nesting);
        int after = preparedEnd;
        if (markerUses != null) {
            markerBase = nextMarkerBase;
        }
        run(template, substitutions[nesting], nesting);
        return after;
    }

    /**
     * Reads a template instance: its template (compiled or cached) is returned, its values are in
     * {@code substitutions[nesting]}, and {@link #preparedEnd} is the offset after them.
     */
    private Template prepare(int pos, int end, int nesting) {
        need(pos, 10, end);
        int id = Bytes.i32(data, pos + 2);
        int definition = Bytes.i32(data, pos + 6);
        pos += 10;
        if (definition == pos) {
            need(pos, 24, end);
            long size = Bytes.u32(data, pos + 20);
            if (size > end - pos - 24) {
                throw DecodeFailure.at(pos, "template definition runs past the data");
            }
            pos += 24 + (int) size;
        }
        Template template = chunk.template(definition);
        if (template == null) {
            template = definition(definition, id);
        }
        Substitutions values = substitutions[nesting];
        pos = values.read(data, pos, end);
        if (recovering && values.count < template.substitutions) {
            throw DecodeFailure.at(pos, "template " + Integer.toHexString(id) + " wants " + template.substitutions
                    + " values, the record has " + values.count);
        }
        preparedEnd = pos;
        return template;
    }

    /**
     * The template of a record that is one template instance and nothing else, with its values
     * in {@link #values()}; null for any other record. Failures are the ones {@link #record} raises
     * for the same bytes.
     */
    Template singleInstance(Chunk c, int start, int end, boolean recovered) {
        chunk = c;
        data = c.data;
        recovering = recovered;
        int pos = start;
        while (pos < end && data[pos] == BinXml.FRAGMENT_HEADER) {
            need(pos, 4, end);
            pos += 4;
        }
        if (pos >= end || data[pos] != BinXml.TEMPLATE_INSTANCE) {
            return null;
        }
        Template template = prepare(pos, end, 0);
        if (preparedEnd < end && data[preparedEnd] != BinXml.EOF) {
            return null;
        }
        instances.clear();
        if (!instances.add(template, substitutions[0], -1) || !nested(0, substitutions[0], 0)) {
            return null;
        }
        return template;
    }

    /**
     * Adds the instances in the binary XML values of an instance, depth first; false when one of
     * those values is anything but a lone template instance (or cannot be read: the general way
     * then reports it if the template uses the value).
     */
    private boolean nested(int instance, Substitutions values, int nesting) {
        for (int i = 0; i < values.count; i++) {
            if (values.type[i] != BinXml.TYPE_BINXML) {
                continue;
            }
            if (nesting + 1 > MAX_NESTING) {
                return false;
            }
            int off = values.offset[i];
            int end = off + values.size[i];
            int pos = off;
            while (pos <= end - 4 && data[pos] == BinXml.FRAGMENT_HEADER) {
                pos += 4;
            }
            if (pos >= end || data[pos] != BinXml.TEMPLATE_INSTANCE) {
                return false;
            }
            Template template;
            try {
                template = prepare(pos, end, nesting + 1);
            } catch (DecodeFailure e) {
                return false;
            }
            if (preparedEnd < end && data[preparedEnd] != BinXml.EOF) {
                return false;
            }
            Substitutions inner = substitutions[nesting + 1];
            int child = instances.count;
            if (!instances.add(template, inner, off) || !nested(child, inner, nesting + 1)) {
                return false;
            }
        }
        return true;
    }

    /** Template definitions compiled so far (those recognised from an earlier chunk are not). */
    long templatesCompiled() {
        return templatesCompiled;
    }

    /** Lowers the limits per record (fuzzing, where an expansion bomb would otherwise cost each run seconds). */
    void limits(int ops, int chars) {
        maxOps = Math.min(ops, MAX_OPS_PER_RECORD);
        maxChars = Math.min(chars, MAX_CHARS_PER_RECORD);
    }

    /** The most characters a record may expand to. */
    int maxChars() {
        return maxChars;
    }

    /** With false, every template definition of every chunk is compiled. */
    void recogniseTemplates(boolean on) {
        recognise = on;
    }

    /** The template instances and values of the record found by {@link #singleInstance}. */
    Instances instances() {
        return instances;
    }

    /**
     * Runs a template found by {@link #singleInstance} with {@link RecordPlan#marker}s in place of
     * its values, counting the uses of each in {@code uses}; returns the characters emitted.
     * Throws {@link RecordPlan#NOT_PLANNABLE} when a value's type makes the structure depend on
     * the value.
     */
    long runMarked(Template template, BinXmlHandler h, int[] uses) {
        handler = h;
        opsLeft = maxOps;
        charsLeft = maxChars;
        markerUses = uses;
        markerBase = 0;
        try {
            run(template, substitutions[0], 0);
        } finally {
            markerUses = null;
        }
        return maxChars - charsLeft;
    }

    /**
     * The template defined at a chunk offset, which must carry the identifier the instance names:
     * one known from an earlier chunk when the definition is the same, else compiled.
     */
    private Template definition(int offset, int id) {
        if (offset >= 0 && offset <= chunk.length - 24 && Bytes.i32(data, offset + 4) == id) {
            Template same = known.get(id);
            if (same != null && recognise && same.definedAt(chunk, offset)) {
                // the same definition in another chunk: no need to compile it, and its plans carry over
                chunk.template(offset, same);
                return same;
            }
            return compile(offset, id, same);
        }
        return earlier(offset, id, DecodeFailure.at(offset, "no template definition with identifier 0x"
                + Integer.toHexString(id)));
    }

    /** Compiles a definition the reader has not recognised; {@code same}: the one known under its identifier. */
    private Template compile(int offset, int id, Template same) {
        Template template;
        try {
            template = compiler.definition(chunk, offset);
        } catch (DecodeFailure e) {
            return earlier(offset, id, e);
        }
        templatesCompiled++;
        if (same != null && same.sameAs(template)) {
            template = same;
        }
        chunk.template(offset, template);
        if (known.get(id) == null && knownOps + template.length <= MAX_KNOWN_OPS
                && knownBytes + template.sourceSize() <= MAX_KNOWN_BYTES) {
            known.put(id, template);
            knownOps += template.length;
            knownBytes += template.sourceSize();
        }
        return template;
    }

    /** When recovering, the template an earlier chunk defined under this identifier; else the failure. */
    private Template earlier(int offset, int id, DecodeFailure failure) {
        Template earlier = recovering ? known.get(id) : null;
        if (earlier == null) {
            throw failure;
        }
        return earlier;
    }

    private int processingInstruction(int pos, int end) {
        need(pos, 5, end);
        int nameOffset = Bytes.i32(data, pos + 1);
        String target = chunk.name(nameOffset).qualified;
        pos += 5;
        if (nameOffset == pos) {
            pos += chunk.nameSize(nameOffset);
        }
        need(pos, 3, end);
        if (data[pos] != BinXml.PI_DATA) {
            throw DecodeFailure.at(pos, "PI target without PI data");
        }
        int n = Bytes.u16(data, pos + 1);
        need(pos + 3, 2 * n, end);
        handler.processingInstruction(target, formatter.utf16(data, pos + 3, n));
        return pos + 3 + 2 * n;
    }

    private void run(Template t, Substitutions values, int nesting) {
        spend(t.length);
        byte[] op = t.op;
        int i = 0;
        while (i < t.length) {
            switch (op[i]) {
                case Template.START:
                    i = start(t, i, values);
                    break;
                case Template.TEXT:
                    handler.text(emit((String) t.ref[i++]));
                    break;
                case Template.SUBST:
                    substitution(values, t.a[i++], nesting);
                    break;
                case Template.CDATA:
                    handler.cdata((String) t.ref[i++]);
                    break;
                case Template.CHAR_REF:
                    handler.charRef(t.a[i++]);
                    break;
                case Template.ENTITY_REF:
                    handler.entityRef((String) t.ref[i++]);
                    break;
                case Template.PI:
                    handler.processingInstruction((String) t.ref[i], (String) t.ref[i + 1]);
                    i += 2;
                    break;
                case Template.END:
                    handler.endElement();
                    i++;
                    break;
                default:
                    i++;
                    break;
            }
        }
    }

    /** Starts an element, or handles all of it when its only content is one substitution. */
    private int start(Template t, int i, Substitutions values) {
        int single = t.b[i];
        if (single >= 0) {
            int type = values.type(single);
            boolean optional = (t.b[t.a[i] - 1] & Template.OPTIONAL) != 0;
            if (type == BinXml.TYPE_NULL && optional) {
                return t.a[i] + 1;
            }
            if ((type & BinXml.TYPE_ARRAY) != 0) {
                if (markerUses != null) {
                    throw RecordPlan.NOT_PLANNABLE;
                }
                int n = attributes(t, i + 1, values);
                List<String> list = arrayItems(values, single);
                int repeat = Math.max(1, list.size());
                spend(repeat);
                for (int k = 0; k < repeat; k++) {
                    handler.startElement((XmlName) t.ref[i], attributeNames, attributeValues, n);
                    if (k < list.size()) {
                        handler.text(emit(list.get(k)));
                    }
                    handler.endElement();
                }
                return t.a[i] + 1;
            }
        }
        int n = attributes(t, i + 1, values);
        handler.startElement((XmlName) t.ref[i], attributeNames, attributeValues, n);
        return attributesEnd;
    }

    private int attributes(Template t, int j, Substitutions values) {
        int n = 0;
        while (j < t.length && t.op[j] == Template.ATTR) {
            int parts = t.a[j];
            String value;
            boolean omit = false;
            if (parts == 1 && t.op[j + 1] == Template.SUBST) {
                int index = t.a[j + 1];
                int type = values.type(index);
                if (type == BinXml.TYPE_NULL) {
                    omit = (t.b[j + 1] & Template.OPTIONAL) != 0;
                    value = "";
                } else {
                    value = valueText(values, index);
                }
            } else if (parts == 1 && t.op[j + 1] == Template.TEXT) {
                value = (String) t.ref[j + 1];
            } else {
                value = joinParts(t, j + 1, parts, values);
            }
            if (!omit) {
                if (n == attributeNames.length) {
                    attributeNames = Arrays.copyOf(attributeNames, n * 2);
                    attributeValues = Arrays.copyOf(attributeValues, n * 2);
                }
                attributeNames[n] = (XmlName) t.ref[j];
                attributeValues[n] = emit(value);
                n++;
            }
            j += 1 + parts;
        }
        attributesEnd = j;
        return n;
    }

    private String joinParts(Template t, int from, int parts, Substitutions values) {
        StringBuilder sb = text;
        sb.setLength(0);
        for (int k = from; k < from + parts && k < t.length; k++) {
            switch (t.op[k]) {
                case Template.TEXT:
                    sb.append((String) t.ref[k]);
                    break;
                case Template.SUBST:
                    if (values.type(t.a[k]) != BinXml.TYPE_NULL) {
                        String v = valueText(values, t.a[k]);
                        sb.append(v);
                    }
                    break;
                case Template.CHAR_REF:
                    sb.appendCodePoint(t.a[k]);
                    break;
                case Template.ENTITY_REF: {
                    String name = (String) t.ref[k];
                    String resolved = BinXmlHandler.entity(name);
                    sb.append(resolved != null ? resolved : "&" + name + ";");
                    break;
                }
                default:
                    break;
            }
        }
        return sb.toString();
    }

    private void substitution(Substitutions values, int index, int nesting) {
        int type = values.type(index);
        if (type == BinXml.TYPE_NULL) {
            return;
        }
        if (type == BinXml.TYPE_BINXML) {
            int off = values.offset[index];
            if (markerUses != null) {
                int base = instances.baseOf(off);
                if (base < 0) {
                    throw RecordPlan.NOT_PLANNABLE;
                }
                int saved = markerBase;
                nextMarkerBase = base;
                document(off, off + values.size[index], nesting + 1);
                markerBase = saved;
                return;
            }
            document(off, off + values.size[index], nesting + 1);
            return;
        }
        handler.text(emit(valueText(values, index)));
    }

    /** Counts work against the record's limit. */
    private void spend(int ops) {
        opsLeft -= ops;
        if (opsLeft < 0) {
            throw new DecodeFailure("the record expands to more than " + maxOps + " operations");
        }
    }

    /** Counts text against the record's output limit. */
    private String emit(String text) {
        charsLeft -= text.length();
        if (charsLeft < 0) {
            throw new DecodeFailure("the record expands to more than " + maxChars + " characters");
        }
        return text;
    }

    /** A value as one string; array items are joined with commas. */
    private String valueText(Substitutions values, int index) {
        int type = values.type(index);
        if (markerUses != null) {
            if ((type & BinXml.TYPE_ARRAY) != 0 || type == BinXml.TYPE_BINXML) {
                throw RecordPlan.NOT_PLANNABLE;
            }
            markerUses[markerBase + index]++;
            return RecordPlan.marker(markerBase + index);
        }
        if ((type & BinXml.TYPE_ARRAY) != 0) {
            return String.join(",", arrayItems(values, index));
        }
        String s = formatter.scalar(data, values.offset[index], values.size[index], type);
        return s != null ? s : "";
    }

    private List<String> arrayItems(Substitutions values, int index) {
        List<String> list = items;
        list.clear();
        int type = values.type(index) & ~BinXml.TYPE_ARRAY;
        int off = values.offset[index];
        int size = values.size[index];
        int end = off + size;
        if (type == BinXml.TYPE_STRING) {
            int start = off;
            for (int p = off; p + 1 < end; p += 2) {
                if (data[p] == 0 && data[p + 1] == 0) {
                    list.add(formatter.utf16(data, start, (p - start) / 2));
                    start = p + 2;
                }
            }
            if (start + 1 < end) {
                list.add(formatter.utf16(data, start, (end - start) / 2));
            }
        } else if (type == BinXml.TYPE_ANSI_STRING) {
            int start = off;
            for (int p = off; p < end; p++) {
                if (data[p] == 0) {
                    list.add(ValueFormatter.ansiValue(data, start, p - start));
                    start = p + 1;
                }
            }
            if (start < end) {
                list.add(ValueFormatter.ansiValue(data, start, end - start));
            }
        } else if (type == BinXml.TYPE_SID) {
            int p = off;
            while (p + 8 <= end) {
                int itemSize = 8 + 4 * (data[p + 1] & 0xff);
                list.add(formatter.sid(data, p, Math.min(itemSize, end - p)));
                p += itemSize;
            }
        } else {
            int itemSize = type == BinXml.TYPE_SIZE_T ? (size % 8 == 0 ? 8 : 4) : ValueFormatter.itemSize(type);
            if (itemSize == 0) {
                String s = formatter.scalar(data, off, size, type);
                list.add(s != null ? s : "");
            } else {
                for (int p = off; p + itemSize <= end; p += itemSize) {
                    list.add(formatter.scalar(data, p, itemSize, type));
                }
            }
        }
        return list;
    }

    private static void need(int pos, int n, int end) {
        if (pos < 0 || n < 0 || pos > end - n) {
            throw DecodeFailure.at(Math.max(pos, 0), "binary XML runs past the end of its data");
        }
    }

    /** Templates by identifier: open addressing on int keys, no boxing. */
    private static final class KnownTemplates {
        private int[] ids = new int[64];
        private Template[] templates = new Template[64];
        private int size;

        Template get(int id) {
            int mask = ids.length - 1;
            for (int p = (id * 0x9E3779B9) >>> 16 & mask; ; p = (p + 1) & mask) {
                Template t = templates[p];
                if (t == null || ids[p] == id) {
                    return t;
                }
            }
        }

        void put(int id, Template template) {
            if (2 * (size + 1) > ids.length) {
                int[] oldIds = ids;
                Template[] old = templates;
                ids = new int[oldIds.length * 2];
                templates = new Template[oldIds.length * 2];
                size = 0;
                for (int i = 0; i < old.length; i++) {
                    if (old[i] != null) {
                        put(oldIds[i], old[i]);
                    }
                }
            }
            int mask = ids.length - 1;
            int p = (id * 0x9E3779B9) >>> 16 & mask;
            while (templates[p] != null && ids[p] != id) {
                p = (p + 1) & mask;
            }
            if (templates[p] == null) {
                size++;
            }
            ids[p] = id;
            templates[p] = template;
        }
    }
}
