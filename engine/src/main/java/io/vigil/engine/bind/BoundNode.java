package io.vigil.engine.bind;

import io.vigil.compiler.predicate.Derivation;
import io.vigil.engine.match.StringMatcher;

/** A predicate tree bound to event slots, ready to evaluate. */
public abstract class BoundNode {
    public abstract boolean eval(EvalContext ctx);

    static final class AndNode extends BoundNode {
        private final BoundNode[] terms;

        AndNode(BoundNode[] terms) {
            this.terms = terms;
        }

        @Override
        public boolean eval(EvalContext ctx) {
            for (BoundNode t : terms) {
                if (!t.eval(ctx)) {
                    return false;
                }
            }
            return true;
        }
    }

    static final class OrNode extends BoundNode {
        private final BoundNode[] terms;

        OrNode(BoundNode[] terms) {
            this.terms = terms;
        }

        @Override
        public boolean eval(EvalContext ctx) {
            for (BoundNode t : terms) {
                if (t.eval(ctx)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class NotNode extends BoundNode {
        private final BoundNode term;

        NotNode(BoundNode term) {
            this.term = term;
        }

        @Override
        public boolean eval(EvalContext ctx) {
            return !term.eval(ctx);
        }
    }

    static final class ConstantNode extends BoundNode {
        static final ConstantNode TRUE = new ConstantNode(true);
        static final ConstantNode FALSE = new ConstantNode(false);
        private final boolean value;

        private ConstantNode(boolean value) {
            this.value = value;
        }

        @Override
        public boolean eval(EvalContext ctx) {
            return value;
        }
    }

    /** Field present, whatever its value. */
    static final class ExistsNode extends BoundNode {
        private final int slot;

        ExistsNode(int slot) {
            this.slot = slot;
        }

        @Override
        public boolean eval(EvalContext ctx) {
            return slot < 0 || ctx.event().has(slot);
        }
    }

    /** Field absent or null. */
    static final class IsNullNode extends BoundNode {
        private final int slot;

        IsNullNode(int slot) {
            this.slot = slot;
        }

        @Override
        public boolean eval(EvalContext ctx) {
            return slot >= 0 && (!ctx.event().has(slot) || ctx.event().isNull(slot));
        }
    }

    /** A string test on a field's values; any value may satisfy it. */
    static final class LeafNode extends BoundNode {
        private final int slot;
        private final Derivation derivation;
        private final StringMatcher matcher;
        private final boolean folded;

        LeafNode(int slot, Derivation derivation, StringMatcher matcher) {
            this.slot = slot;
            this.derivation = derivation;
            this.matcher = matcher;
            this.folded = matcher.folded();
        }

        @Override
        public boolean eval(EvalContext ctx) {
            Object v = ctx.values(slot, derivation, folded);
            if (v == null) {
                return false;
            }
            if (v instanceof String s) {
                return matcher.matches(s);
            }
            for (String s : (String[]) v) {
                if (matcher.matches(s)) {
                    return true;
                }
            }
            return false;
        }
    }
}
