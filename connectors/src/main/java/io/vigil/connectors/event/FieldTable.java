package io.vigil.connectors.event;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Interns field names into small integer slots, once per JVM. Rules bind field names to slots when
 * they are compiled, so the hot path never looks a field up by name.
 */
public final class FieldTable {
    private static final ConcurrentHashMap<String, Integer> SLOTS = new ConcurrentHashMap<>();
    private static final List<String> NAMES = new ArrayList<>();

    private FieldTable() {
    }

    /** Returns the slot of a field name, allocating one on first use. Names are case-sensitive. */
    public static int slot(String name) {
        Integer slot = SLOTS.get(name);
        if (slot != null) {
            return slot;
        }
        synchronized (NAMES) {
            return SLOTS.computeIfAbsent(name, n -> {
                NAMES.add(n);
                return NAMES.size() - 1;
            });
        }
    }

    public static String name(int slot) {
        synchronized (NAMES) {
            return NAMES.get(slot);
        }
    }

    public static int size() {
        synchronized (NAMES) {
            return NAMES.size();
        }
    }
}
