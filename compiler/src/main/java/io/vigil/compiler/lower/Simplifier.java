package io.vigil.compiler.lower;

import io.vigil.compiler.predicate.And;
import io.vigil.compiler.predicate.Constant;
import io.vigil.compiler.predicate.Not;
import io.vigil.compiler.predicate.Or;
import io.vigil.compiler.predicate.Predicate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Flattens nested and/or, removes duplicate terms, folds constants and double negation. */
public final class Simplifier {
    private Simplifier() {
    }

    public static Predicate simplify(Predicate p) {
        if (p instanceof And a) {
            return combine(a.terms(), true);
        }
        if (p instanceof Or o) {
            return combine(o.terms(), false);
        }
        if (p instanceof Not n) {
            Predicate inner = simplify(n.term());
            if (inner instanceof Not nn) {
                return nn.term();
            }
            if (inner instanceof Constant c) {
                return c.value() ? Constant.FALSE : Constant.TRUE;
            }
            return new Not(inner);
        }
        return p;
    }

    public static Predicate and(List<Predicate> terms) {
        return combine(terms, true);
    }

    public static Predicate or(List<Predicate> terms) {
        return combine(terms, false);
    }

    private static Predicate combine(List<Predicate> terms, boolean isAnd) {
        LinkedHashSet<Predicate> flat = new LinkedHashSet<>();
        for (Predicate t : terms) {
            Predicate s = simplify(t);
            if (s instanceof Constant c) {
                if (c.value() == isAnd) {
                    continue; // neutral element
                }
                return c; // absorbing element
            }
            if (isAnd && s instanceof And a) {
                flat.addAll(a.terms());
            } else if (!isAnd && s instanceof Or o) {
                flat.addAll(o.terms());
            } else {
                flat.add(s);
            }
        }
        List<Predicate> list = new ArrayList<>(flat);
        if (list.isEmpty()) {
            return isAnd ? Constant.TRUE : Constant.FALSE;
        }
        if (list.size() == 1) {
            return list.get(0);
        }
        return isAnd ? new And(list) : new Or(list);
    }
}
