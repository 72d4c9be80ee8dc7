package io.vigil.compiler.predicate;

import static java.util.Objects.requireNonNull;

/**
 * A leaf: (field, operator, value). When the field yields several values (a multi-valued field or
 * a derivation such as {@code args}), the leaf is true when any of them satisfies the matcher.
 */
public record FieldPredicate(FieldRef field, ValueMatcherSpec matcher) implements Predicate {
    public FieldPredicate {
        requireNonNull(field, "field is null");
        requireNonNull(matcher, "matcher is null");
    }

    @Override
    public <R, C> R accept(PredicateVisitor<R, C> visitor, C context) {
        return visitor.visitField(this, context);
    }

    @Override
    public String toString() {
        return PredicateFormatter.format(this);
    }
}
