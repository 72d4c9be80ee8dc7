package io.vigil.compiler.predicate;

/** A node of an immutable predicate tree. Leaves test one field; inner nodes are and/or/not. */
public sealed interface Predicate permits And, Or, Not, FieldPredicate, Constant {
    <R, C> R accept(PredicateVisitor<R, C> visitor, C context);
}
