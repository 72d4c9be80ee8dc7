package io.vigil.connectors.evtx;

import java.util.Arrays;

/**
 * The template instances of one record: the record's own first, then those of its binary XML
 * values, depth first in value order, with the values of all of them in one flat table. A
 * {@link RecordPlan} refers to values by their place in that table. One per reader, reused.
 */
final class Instances {
    /** Records with more instances or values than this go the general way. */
    static final int MAX_INSTANCES = 64;
    static final int MAX_VALUES = 4096;

    int count;
    Template[] templates = new Template[8];
    /** The first flat value of each instance. */
    int[] base = new int[8];
    /** The chunk offset of the binary XML value each instance sits in; -1 for the record's own. */
    int[] valueOffset = new int[8];

    int values;
    int[] offset = new int[64];
    int[] size = new int[64];
    int[] type = new int[64];

    void clear() {
        count = 0;
        values = 0;
    }

    /** Adds an instance with its values; false when that would pass the limits. */
    boolean add(Template template, Substitutions v, int inValueAt) {
        if (count == MAX_INSTANCES || values + v.count > MAX_VALUES) {
            return false;
        }
        if (count == templates.length) {
            templates = Arrays.copyOf(templates, count * 2);
            base = Arrays.copyOf(base, count * 2);
            valueOffset = Arrays.copyOf(valueOffset, count * 2);
        }
        templates[count] = template;
        base[count] = values;
        valueOffset[count] = inValueAt;
        count++;
        int n = values + v.count;
        if (n > offset.length) {
            int capacity = Math.max(n, offset.length * 2);
            offset = Arrays.copyOf(offset, capacity);
            size = Arrays.copyOf(size, capacity);
            type = Arrays.copyOf(type, capacity);
        }
        System.arraycopy(v.offset, 0, offset, values, v.count);
        System.arraycopy(v.size, 0, size, values, v.count);
        System.arraycopy(v.type, 0, type, values, v.count);
        values = n;
        return true;
    }

    /** The first flat value of the instance held by the binary XML value at a chunk offset, or -1. */
    int baseOf(int inValueAt) {
        for (int i = 1; i < count; i++) {
            if (valueOffset[i] == inValueAt) {
                return base[i];
            }
        }
        return -1;
    }
}
