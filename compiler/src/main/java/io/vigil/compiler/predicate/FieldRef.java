package io.vigil.compiler.predicate;

import static java.util.Objects.requireNonNull;

/** A field, optionally seen through a derivation such as {@code basename(Image)}. */
public record FieldRef(String name, Derivation derivation) {
    /** The pseudo-field holding the event's canonical raw text. */
    public static final String RAW = "_raw";

    public FieldRef {
        requireNonNull(name, "name is null");
        requireNonNull(derivation, "derivation is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("field name is empty");
        }
    }

    public static FieldRef of(String name) {
        return new FieldRef(name, Derivation.NONE);
    }

    @Override
    public String toString() {
        return derivation == Derivation.NONE ? name : derivation.functionName() + "(" + name + ")";
    }
}
