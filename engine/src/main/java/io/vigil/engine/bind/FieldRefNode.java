package io.vigil.engine.bind;

import io.vigil.compiler.predicate.Derivation;
import io.vigil.compiler.predicate.ValueMatcherSpec.FieldRefCompare.Relation;

/**
 * Compares a field's value with another field of the same event (Sigma {@code fieldref}): equal,
 * prefix, suffix or containment, case-folded unless cased. False when either field is absent or
 * null; with several values on either side, any pair may satisfy it.
 */
final class FieldRefNode extends BoundNode {
    private final int slot;
    private final Derivation derivation;
    private final int otherSlot;
    private final Relation relation;
    private final boolean folded;

    FieldRefNode(int slot, Derivation derivation, int otherSlot, Relation relation, boolean cased) {
        this.slot = slot;
        this.derivation = derivation;
        this.otherSlot = otherSlot;
        this.relation = relation;
        this.folded = !cased;
    }

    @Override
    public boolean eval(EvalContext ctx) {
        Object left = ctx.values(slot, derivation, folded);
        if (left == null) {
            return false;
        }
        Object right = ctx.values(otherSlot, Derivation.NONE, folded);
        if (right == null) {
            return false;
        }
        if (left instanceof String l) {
            return right instanceof String r ? test(l, r) : anyRight(l, (String[]) right);
        }
        for (String l : (String[]) left) {
            if (right instanceof String r ? test(l, r) : anyRight(l, (String[]) right)) {
                return true;
            }
        }
        return false;
    }

    private boolean anyRight(String left, String[] right) {
        for (String r : right) {
            if (test(left, r)) {
                return true;
            }
        }
        return false;
    }

    private boolean test(String value, String other) {
        return switch (relation) {
            case EQUALS -> value.equals(other);
            case PREFIX -> value.startsWith(other);
            case SUFFIX -> value.endsWith(other);
            case CONTAINS -> value.contains(other);
        };
    }
}
