package io.vigil.compiler.predicate;

import static java.util.Objects.requireNonNull;

/** Negation. */
public record Not(Predicate term) implements Predicate {
    public Not {
        requireNonNull(term, "term is null");
    }

    @Override
    public <R, C> R accept(PredicateVisitor<R, C> visitor, C context) {
        return visitor.visitNot(this, context);
    }

    @Override
    public String toString() {
        return PredicateFormatter.format(this);
    }
}
