package io.vigil.connectors.evtx;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One 64 KiB chunk in memory, with the names and compiled templates decoded from it. The buffer
 * and caches are reused for the next chunk, so memory stays the same whatever the file size.
 */
final class Chunk {
    static final int SIZE = 65536;
    /**
     * Names and short literal texts are interned across chunks, so equal ones are one instance
     * (hash codes computed once) however many chunks and templates repeat them.
     */
    private static final int MAX_INTERNED = 4096;
    private static final int MAX_INTERNED_TEXT = 64;

    final byte[] data = new byte[SIZE];
    /** Valid bytes in {@link #data}: {@link #SIZE}, or less for a truncated last chunk. */
    int length;
    int index;
    long fileOffset;
    ChunkHeader header;
    /** Operations compiled from this chunk so far (see TemplateCompiler). */
    int compiledOps;

    private final OffsetTable<XmlName> names = new OffsetTable<>();
    private final OffsetTable<Template> templates = new OffsetTable<>();
    /** Elements outside templates (BinXml values are reached once per use of their template). */
    private final OffsetTable<Template> elements = new OffsetTable<>();
    private final Map<String, XmlName> internedNames = new HashMap<>();
    private final Map<String, String> internedTexts = new HashMap<>();
    private final ValueFormatter formatter;

    Chunk(ValueFormatter formatter) {
        this.formatter = formatter;
    }

    /** Forgets the names and templates of the previous chunk. */
    void reset(int chunkIndex, long offset, int validBytes) {
        names.clear();
        templates.clear();
        elements.clear();
        compiledOps = 0;
        index = chunkIndex;
        fileOffset = offset;
        length = validBytes;
        header = null;
    }

    /** Marks the bytes after {@code validBytes} as unreadable. */
    void truncate(int validBytes) {
        length = validBytes;
        Arrays.fill(data, validBytes, SIZE, (byte) 0);
    }

    /** The name structure at a chunk offset: 4 bytes unknown, hash, character count, UTF-16 text. */
    XmlName name(int offset) {
        if (offset < 0 || offset > length - 8) {
            throw DecodeFailure.at(offset, "name offset out of the chunk");
        }
        XmlName name = names.get(offset);
        if (name == null) {
            int n = Bytes.u16(data, offset + 6);
            if (offset + 8 + 2L * n > length) {
                throw DecodeFailure.at(offset, "name runs past the chunk");
            }
            name = internName(formatter.utf16(data, offset + 8, n));
            names.put(offset, name);
        }
        return name;
    }

    /** Literal text of a template, interned when short. */
    String text(int offset, int chars) {
        String text = formatter.utf16(data, offset, chars);
        if (chars > MAX_INTERNED_TEXT) {
            return text;
        }
        String known = internedTexts.get(text);
        if (known != null) {
            return known;
        }
        if (internedTexts.size() < MAX_INTERNED) {
            internedTexts.put(text, text);
        }
        return text;
    }

    /**
     * True when the name at a chunk offset is there whole and reads {@code name}: its bytes
     * compared against the stored UTF-16 without decoding it. Names with characters a decoder would
     * replace (lone surrogates) are decoded and compared the slow way.
     */
    boolean nameIs(int offset, XmlName name) {
        if (offset < 0 || offset > length - 8) {
            return false;
        }
        int n = Bytes.u16(data, offset + 6);
        if (offset + 8 + 2L * n > length) {
            return false;
        }
        byte[] bytes = name.utf16le;
        if (2 * n == bytes.length && Arrays.equals(bytes, 0, bytes.length, data, offset + 8, offset + 8 + 2 * n)) {
            return true;
        }
        // decoding keeps the length (a lone surrogate becomes one U+FFFD): only then can the bytes differ
        return n == name.qualified.length() && hasSurrogate(offset + 8, n)
                && name.qualified.equals(name(offset).qualified);
    }

    private boolean hasSurrogate(int from, int n) {
        for (int i = 0; i < n; i++) {
            if (Character.isSurrogate(Bytes.utf16(data, from + 2 * i))) {
                return true;
            }
        }
        return false;
    }

    /** The size in bytes of the name structure at a chunk offset (for names stored inline). */
    int nameSize(int offset) {
        if (offset < 0 || offset > length - 8) {
            throw DecodeFailure.at(offset, "name offset out of the chunk");
        }
        return 8 + 2 * Bytes.u16(data, offset + 6) + 2;
    }

    Template template(int offset) {
        return templates.get(offset);
    }

    void template(int offset, Template template) {
        templates.put(offset, template);
    }

    /** The compiled element outside any template at a chunk offset, or null. */
    Template element(int offset) {
        return elements.get(offset);
    }

    void element(int offset, Template element) {
        elements.put(offset, element);
    }

    /** The chunk offset as a file offset, for messages. */
    long fileOffset(int chunkOffset) {
        return fileOffset + chunkOffset;
    }

    private XmlName internName(String name) {
        XmlName known = internedNames.get(name);
        if (known != null) {
            return known;
        }
        XmlName created = new XmlName(name);
        if (internedNames.size() < MAX_INTERNED) {
            internedNames.put(name, created);
        }
        return created;
    }

    /**
     * Values by chunk offset, in an open-addressing table that starts small and is cleared per
     * chunk: a chunk holds a few hundred names and templates at most, not one per offset.
     */
    private static final class OffsetTable<T> {
        private int[] keys = new int[256];
        private Object[] values = new Object[256];
        private int size;

        @SuppressWarnings("unchecked")
        T get(int offset) {
            if (size == 0) {
                return null;
            }
            int mask = keys.length - 1;
            for (int p = hash(offset) & mask; ; p = (p + 1) & mask) {
                Object v = values[p];
                if (v == null) {
                    return null;
                }
                if (keys[p] == offset) {
                    return (T) v;
                }
            }
        }

        void put(int offset, T value) {
            if (2 * (size + 1) > keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            for (int p = hash(offset) & mask; ; p = (p + 1) & mask) {
                if (values[p] == null) {
                    keys[p] = offset;
                    values[p] = value;
                    size++;
                    return;
                }
                if (keys[p] == offset) {
                    values[p] = value;
                    return;
                }
            }
        }

        void clear() {
            if (size > 0) {
                Arrays.fill(values, null);
                size = 0;
            }
        }

        private void grow() {
            int[] oldKeys = keys;
            Object[] oldValues = values;
            keys = new int[oldKeys.length * 2];
            values = new Object[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldValues[i] != null) {
                    int p = hash(oldKeys[i]) & mask;
                    while (values[p] != null) {
                        p = (p + 1) & mask;
                    }
                    keys[p] = oldKeys[i];
                    values[p] = oldValues[i];
                }
            }
        }

        private static int hash(int offset) {
            int h = offset * 0x9E3779B1;
            return h ^ (h >>> 16);
        }
    }
}
