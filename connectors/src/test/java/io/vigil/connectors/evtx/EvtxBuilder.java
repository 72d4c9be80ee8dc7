package io.vigil.connectors.evtx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Builds small .evtx files token by token, for tests of constructs the shared samples lack or of
 * damage done on purpose. Offsets of names and template definitions are chunk-relative as in real
 * files; names are written inline at first use and referenced afterwards. Checksums are correct
 * unless a test breaks them.
 */
final class EvtxBuilder {
    private final List<byte[]> chunks = new ArrayList<>();
    private Chunk current;
    private int flags;

    /** Starts a new chunk; records go to the last chunk started. */
    EvtxBuilder chunk() {
        if (current != null) {
            chunks.add(current.finish());
        }
        current = new Chunk();
        return this;
    }

    EvtxBuilder flags(int fileFlags) {
        this.flags = fileFlags;
        return this;
    }

    /** Adds a record whose binary XML the consumer writes. */
    EvtxBuilder record(long id, Consumer<Tokens> xml) {
        if (current == null) {
            chunk();
        }
        current.record(id, xml);
        return this;
    }

    byte[] build() {
        if (current != null) {
            chunks.add(current.finish());
            current = null;
        }
        ByteBuffer header = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        header.put("ElfFile\0".getBytes(StandardCharsets.US_ASCII));
        header.putLong(8, 0).putLong(16, Math.max(0, chunks.size() - 1)).putLong(24, 1);
        header.putInt(32, 128).putShort(36, (short) 1).putShort(38, (short) 3).putShort(40, (short) 4096)
                .putShort(42, (short) chunks.size()).putInt(120, flags);
        CRC32 crc = new CRC32();
        crc.update(header.array(), 0, 120);
        header.putInt(124, (int) crc.getValue());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        for (byte[] c : chunks) {
            out.writeBytes(c);
        }
        return out.toByteArray();
    }

    /** A 64 KiB chunk being written. */
    private static final class Chunk {
        final ByteBuffer b = ByteBuffer.allocate(65536).order(ByteOrder.LITTLE_ENDIAN);
        long firstId = -1;
        long lastId;
        int lastOffset;

        Chunk() {
            b.position(512);
        }

        void record(long id, Consumer<Tokens> xml) {
            int start = b.position();
            b.putInt(0x2a2a).putInt(0).putLong(id).putLong(0x01d3d18888888888L);
            xml.accept(new Tokens(b));
            while ((b.position() + 4) % 8 != 0) {
                b.put((byte) 0);
            }
            int size = b.position() + 4 - start;
            b.putInt(size);
            b.putInt(start + 4, size);
            if (firstId < 0) {
                firstId = id;
            }
            lastId = id;
            lastOffset = start;
        }

        byte[] finish() {
            int free = b.position();
            byte[] a = b.array();
            b.put(0, "ElfChnk\0".getBytes(StandardCharsets.US_ASCII));
            b.putLong(8, Math.max(firstId, 0)).putLong(16, lastId).putLong(24, Math.max(firstId, 0)).putLong(32, lastId);
            b.putInt(40, 128).putInt(44, lastOffset).putInt(48, free);
            CRC32 data = new CRC32();
            data.update(a, 512, free - 512);
            b.putInt(52, (int) data.getValue());
            CRC32 header = new CRC32();
            header.update(a, 0, 120);
            header.update(a, 128, 384);
            b.putInt(124, (int) header.getValue());
            return a;
        }
    }

    /** A substitution value: its type and bytes, or for BinXml the tokens written in place. */
    static final class Value {
        final int type;
        final byte[] bytes;
        final Consumer<Tokens> xml;

        private Value(int type, byte[] bytes, Consumer<Tokens> xml) {
            this.type = type;
            this.bytes = bytes;
            this.xml = xml;
        }

        static Value string(String s) {
            return new Value(BinXml.TYPE_STRING, s.getBytes(StandardCharsets.UTF_16LE), null);
        }

        static Value nul() {
            return new Value(BinXml.TYPE_NULL, new byte[0], null);
        }

        static Value of(int type, int... bytes) {
            byte[] b = new byte[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                b[i] = (byte) bytes[i];
            }
            return new Value(type, b, null);
        }

        static Value raw(int type, byte[] bytes) {
            return new Value(type, bytes, null);
        }

        static Value u64(int type, long v) {
            return new Value(type, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array(), null);
        }

        static Value u32(int type, int v) {
            return new Value(type, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array(), null);
        }

        /** A BinXml value (type 0x21) whose tokens are written at their chunk offset. */
        static Value binXml(Consumer<Tokens> xml) {
            return new Value(BinXml.TYPE_BINXML, new byte[0], xml);
        }
    }

    /** Writes tokens at the current chunk offset. */
    static final class Tokens {
        private final ByteBuffer b;
        private final List<String> names = new ArrayList<>();
        private final List<Integer> nameOffsets = new ArrayList<>();
        private boolean dependencyIds = true;
        /** Where the data sizes of open elements, and of their attribute lists, go: filled in at their end. */
        private final java.util.ArrayDeque<Integer> elementSizes = new java.util.ArrayDeque<>();
        private int attributeListSize = -1;

        Tokens(ByteBuffer b) {
            this.b = b;
        }

        int position() {
            return b.position();
        }

        Tokens fragment() {
            b.put((byte) 0x0f).put((byte) 1).put((byte) 1).put((byte) 0);
            return this;
        }

        Tokens eof() {
            b.put((byte) 0);
            return this;
        }

        /** Elements outside templates have no dependency identifier. */
        Tokens bare() {
            dependencyIds = false;
            return this;
        }

        Tokens start(String name, boolean attributes) {
            b.put((byte) (attributes ? 0x41 : 0x01));
            if (dependencyIds) {
                b.putShort((short) -1);
            }
            elementSizes.push(b.position());
            b.putInt(0);
            name(name);
            if (attributes) {
                attributeListSize = b.position();
                b.putInt(0);
            }
            return this;
        }

        /** Writes the size of the attribute list that ends here, as Windows does (readers skip it). */
        private void endAttributes() {
            if (attributeListSize >= 0) {
                b.putInt(attributeListSize, b.position() - attributeListSize - 4);
                attributeListSize = -1;
            }
        }

        /** Writes the data size of the element that ends here (readers skip it). */
        private void endElement() {
            if (!elementSizes.isEmpty()) {
                int at = elementSizes.pop();
                b.putInt(at, b.position() - at - 4);
            }
        }

        Tokens attribute(String name, boolean more) {
            b.put((byte) (more ? 0x46 : 0x06));
            name(name);
            return this;
        }

        Tokens closeStart() {
            endAttributes();
            b.put((byte) 0x02);
            return this;
        }

        Tokens closeEmpty() {
            endAttributes();
            b.put((byte) 0x03);
            endElement();
            return this;
        }

        Tokens end() {
            b.put((byte) 0x04);
            endElement();
            return this;
        }

        Tokens text(String s) {
            b.put((byte) 0x05).put((byte) 1).putShort((short) s.length());
            b.put(s.getBytes(StandardCharsets.UTF_16LE));
            return this;
        }

        Tokens cdata(String s) {
            b.put((byte) 0x07).putShort((short) s.length());
            b.put(s.getBytes(StandardCharsets.UTF_16LE));
            return this;
        }

        Tokens charRef(int code) {
            b.put((byte) 0x08).putShort((short) code);
            return this;
        }

        Tokens entityRef(String name) {
            b.put((byte) 0x09);
            name(name);
            return this;
        }

        Tokens pi(String target, String data) {
            b.put((byte) 0x0a);
            name(target);
            b.put((byte) 0x0b).putShort((short) data.length()).put(data.getBytes(StandardCharsets.UTF_16LE));
            return this;
        }

        Tokens substitution(int index, int type, boolean optional) {
            b.put((byte) (optional ? 0x0e : 0x0d)).putShort((short) index).put((byte) type);
            return this;
        }

        /** A raw byte, for damage. */
        Tokens raw(int... bytes) {
            for (int x : bytes) {
                b.put((byte) x);
            }
            return this;
        }

        /**
         * A template instance: the definition is written inline when {@code definitionAt} is
         * negative, else referenced at that chunk offset; then the values.
         */
        int template(int id, int definitionAt, Consumer<Tokens> body, Value... values) {
            b.put((byte) 0x0c).put((byte) 1).putInt(id);
            int offset = definitionAt >= 0 ? definitionAt : b.position() + 4;
            b.putInt(offset);
            if (definitionAt < 0) {
                b.putInt(0);
                b.putInt(id).putInt(0).putLong(0);
                int sizeAt = b.position();
                b.putInt(0);
                int start = b.position();
                Tokens t = new Tokens(b);
                t.names.addAll(names);
                t.nameOffsets.addAll(nameOffsets);
                t.fragment();
                body.accept(t);
                t.eof();
                names.clear();
                names.addAll(t.names);
                nameOffsets.clear();
                nameOffsets.addAll(t.nameOffsets);
                b.putInt(sizeAt, b.position() - start);
            }
            b.putInt(values.length);
            int[] sizeAt = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                sizeAt[i] = b.position();
                b.putShort((short) values[i].bytes.length).put((byte) values[i].type).put((byte) 0);
            }
            for (int i = 0; i < values.length; i++) {
                if (values[i].xml != null) {
                    int start = b.position();
                    Tokens t = new Tokens(b).bare();
                    t.names.addAll(names);
                    t.nameOffsets.addAll(nameOffsets);
                    values[i].xml.accept(t);
                    names.clear();
                    names.addAll(t.names);
                    nameOffsets.clear();
                    nameOffsets.addAll(t.nameOffsets);
                    b.putShort(sizeAt[i], (short) (b.position() - start));
                } else {
                    b.put(values[i].bytes);
                }
            }
            return offset;
        }

        private void name(String name) {
            int known = names.indexOf(name);
            if (known >= 0) {
                b.putInt(nameOffsets.get(known));
                return;
            }
            int at = b.position() + 4;
            b.putInt(at);
            b.putInt(0).putShort((short) 0).putShort((short) name.length());
            b.put(name.getBytes(StandardCharsets.UTF_16LE)).putShort((short) 0);
            names.add(name);
            nameOffsets.add(at);
        }
    }
}
