package io.vigil.engine.bind;

import io.vigil.compiler.predicate.Derivation;
import io.vigil.connectors.event.CaseFolding;
import io.vigil.connectors.event.Event;
import io.vigil.engine.match.Derivations;
import java.util.List;

/**
 * Per-thread scratch state for evaluating one event at a time: derived values (basename, argv,
 * Splunk segments) are computed at most once per event and reused by every rule.
 */
public final class EvalContext {
    private static final int KINDS = Derivation.values().length * 2;
    private static final Object ABSENT = new Object();

    private Event event;
    private Object[] cache = new Object[64 * KINDS];
    private int[] stamps = new int[64 * KINDS];
    private int generation = 1;

    /** Starts a new event; cached values of the previous one are dropped. */
    public void reset(Event next) {
        this.event = next;
        generation++;
        if (generation == Integer.MAX_VALUE) {
            java.util.Arrays.fill(stamps, 0);
            generation = 1;
        }
    }

    public Event event() {
        return event;
    }

    /**
     * The values of a field seen through a derivation: null when there is none, a String, or a
     * String[]. {@code slot} -1 means {@code _raw}.
     */
    public Object values(int slot, Derivation derivation, boolean folded) {
        if (derivation == Derivation.NONE) {
            if (slot < 0) {
                return folded ? cached(slot, derivation, true) : event.raw();
            }
            if (folded) {
                String f = event.folded(slot);
                return f != null ? f : foldAll(event.value(slot));
            }
            return event.value(slot);
        }
        return cached(slot, derivation, folded);
    }

    private Object cached(int slot, Derivation derivation, boolean folded) {
        int index = (slot + 1) * KINDS + derivation.ordinal() * 2 + (folded ? 1 : 0);
        if (index >= cache.length) {
            int size = Math.max(index + 1, cache.length * 2);
            cache = java.util.Arrays.copyOf(cache, size);
            stamps = java.util.Arrays.copyOf(stamps, size);
        }
        if (stamps[index] == generation) {
            Object v = cache[index];
            return v == ABSENT ? null : v;
        }
        Object v = compute(slot, derivation, folded);
        cache[index] = v == null ? ABSENT : v;
        stamps[index] = generation;
        return v;
    }

    private Object compute(int slot, Derivation derivation, boolean folded) {
        Object base = slot < 0 ? event.raw() : event.value(slot);
        if (base == null) {
            return null;
        }
        if (derivation == Derivation.NONE) {
            return foldAll(base);
        }
        Object derived;
        if (base instanceof String s) {
            derived = derive(s, derivation);
        } else {
            java.util.ArrayList<String> all = new java.util.ArrayList<>();
            for (String s : (String[]) base) {
                Object d = derive(s, derivation);
                if (d instanceof String ds) {
                    all.add(ds);
                } else {
                    all.addAll(List.of((String[]) d));
                }
            }
            derived = all.toArray(new String[0]);
        }
        return folded ? foldAll(derived) : derived;
    }

    private static Object derive(String s, Derivation derivation) {
        return switch (derivation) {
            case NONE -> s;
            case BASENAME -> Derivations.basename(s);
            case ARGS -> Derivations.argv(s).toArray(new String[0]);
            case TOKENS -> Derivations.tokens(s).toArray(new String[0]);
            case TERMS -> Derivations.terms(s).toArray(new String[0]);
        };
    }

    private static Object foldAll(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return CaseFolding.fold(s);
        }
        String[] in = (String[]) v;
        String[] out = new String[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = CaseFolding.fold(in[i]);
        }
        return out;
    }
}
