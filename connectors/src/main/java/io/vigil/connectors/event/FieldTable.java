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

    /**
     * At most this many names get a slot from events. Rules always get theirs, and they are bound
     * before events arrive, so a flood of distinct names in hostile input cannot grow the table
     * without bound or push a rule's field out.
     */
    public static final int MAX_EVENT_SLOTS = 16_384;

    /**
     * The slot of a field name for an event: an existing slot, a new one while the table is below
     * {@link #MAX_EVENT_SLOTS}, or -1 (the field is then reachable by name only, and no rule can
     * refer to it, since every rule field already has a slot).
     */
    public static int eventSlot(String name) {
        Integer slot = SLOTS.get(name);
        if (slot != null) {
            return slot;
        }
        synchronized (NAMES) {
            if (NAMES.size() >= MAX_EVENT_SLOTS) {
                Integer existing = SLOTS.get(name);
                return existing == null ? -1 : existing;
            }
        }
        return slot(name);
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
