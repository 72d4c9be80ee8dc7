package io.vigil.compiler.predicate;

/** A pass over a predicate tree. */
public interface PredicateVisitor<R, C> {
    R visitAnd(And node, C context);

    R visitOr(Or node, C context);

    R visitNot(Not node, C context);

    R visitField(FieldPredicate node, C context);

    R visitConstant(Constant node, C context);
}
