package io.vigil.compiler.predicate;

/** A constant truth value. */
public record Constant(boolean value) implements Predicate {
    public static final Constant TRUE = new Constant(true);
    public static final Constant FALSE = new Constant(false);

    @Override
    public <R, C> R accept(PredicateVisitor<R, C> visitor, C context) {
        return visitor.visitConstant(this, context);
    }

    @Override
    public String toString() {
        return PredicateFormatter.format(this);
    }
}
