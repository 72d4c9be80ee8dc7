package io.vigil.compiler.predicate;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** True when any term is true. */
public record Or(List<Predicate> terms) implements Predicate {
    public Or {
        terms = List.copyOf(requireNonNull(terms, "terms is null"));
        if (terms.size() < 2) {
            throw new IllegalArgumentException("Or has at least two terms");
        }
    }

    @Override
    public <R, C> R accept(PredicateVisitor<R, C> visitor, C context) {
        return visitor.visitOr(this, context);
    }

    @Override
    public String toString() {
        return PredicateFormatter.format(this);
    }
}
