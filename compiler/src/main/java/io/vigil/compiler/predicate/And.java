package io.vigil.compiler.predicate;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** True when every term is true. */
public record And(List<Predicate> terms) implements Predicate {
    public And {
        terms = List.copyOf(requireNonNull(terms, "terms is null"));
        if (terms.size() < 2) {
            throw new IllegalArgumentException("And has at least two terms");
        }
    }

    @Override
    public <R, C> R accept(PredicateVisitor<R, C> visitor, C context) {
        return visitor.visitAnd(this, context);
    }

    @Override
    public String toString() {
        return PredicateFormatter.format(this);
    }
}
