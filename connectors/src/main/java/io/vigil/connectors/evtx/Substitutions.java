package io.vigil.connectors.evtx;

import java.util.Arrays;

/** The substitution values of one template instance: chunk offset, size and type of each. */
final class Substitutions {
    static final Substitutions NONE = new Substitutions();

    int count;
    int[] offset = new int[32];
    int[] size = new int[32];
    int[] type = new int[32];

    /**
     * Reads the value descriptors at {@code pos} (a count, then 4 bytes per value: size, type,
     * padding) and places the values after them. Returns the offset after the last value.
     */
    int read(byte[] data, int pos, int end) {
        if (pos < 0 || pos > end - 4) {
            throw DecodeFailure.at(pos, "substitution count runs past the data");
        }
        long n = Bytes.u32(data, pos);
        pos += 4;
        if (n > (end - pos) / 4) {
            throw DecodeFailure.at(pos, "substitution count " + n + " does not fit the data");
        }
        int values = (int) n;
        if (offset.length < values) {
            int capacity = Math.max(values, offset.length * 2);
            offset = Arrays.copyOf(offset, capacity);
            size = Arrays.copyOf(size, capacity);
            type = Arrays.copyOf(type, capacity);
        }
        int at = pos + 4 * values;
        for (int i = 0; i < values; i++) {
            int s = Bytes.u16(data, pos + 4 * i);
            if (at > end - s) {
                throw DecodeFailure.at(at, "substitution value " + i + " runs past the data");
            }
            offset[i] = at;
            size[i] = s;
            type[i] = data[pos + 4 * i + 2] & 0xff;
            at += s;
        }
        count = values;
        return at;
    }

    /** The type of a value; NULL for an index without a value. */
    int type(int index) {
        return index < count ? type[index] : BinXml.TYPE_NULL;
    }
}
