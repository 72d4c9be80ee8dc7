package io.vigil.engine.bind;

import io.vigil.compiler.predicate.And;
import io.vigil.compiler.predicate.Constant;
import io.vigil.compiler.predicate.FieldPredicate;
import io.vigil.compiler.predicate.FieldRef;
import io.vigil.compiler.predicate.Not;
import io.vigil.compiler.predicate.Or;
import io.vigil.compiler.predicate.Predicate;
import io.vigil.compiler.predicate.ValueMatcherSpec;
import io.vigil.connectors.event.FieldTable;
import io.vigil.engine.match.Matchers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a compiled predicate tree to event slots: field names become slots, value specs become
 * final matcher classes, and equality tests of one field inside an {@code or} merge into one hash
 * lookup.
 */
public final class RuleBinder {
    private RuleBinder() {
    }

    public static BoundNode bind(Predicate predicate) {
        if (predicate instanceof And a) {
            List<BoundNode> terms = new ArrayList<>();
            for (Predicate t : a.terms()) {
                terms.add(bind(t));
            }
            return new BoundNode.AndNode(terms.toArray(new BoundNode[0]));
        }
        if (predicate instanceof Or o) {
            return bindOr(o);
        }
        if (predicate instanceof Not n) {
            return new BoundNode.NotNode(bind(n.term()));
        }
        if (predicate instanceof Constant c) {
            return c.value() ? BoundNode.ConstantNode.TRUE : BoundNode.ConstantNode.FALSE;
        }
        if (predicate instanceof FieldPredicate f) {
            return bindLeaf(f);
        }
        throw new IllegalStateException("unhandled node: " + predicate);
    }

    /** The slot of a field; -1 stands for {@code _raw}. */
    public static int slot(FieldRef field) {
        return FieldRef.RAW.equals(field.name()) ? -1 : FieldTable.slot(field.name());
    }

    private static BoundNode bindOr(Or o) {
        // group plain equality leaves by (field, case mode) so each group is one hash lookup
        Map<String, List<String>> groups = new LinkedHashMap<>();
        Map<String, FieldRef> groupField = new LinkedHashMap<>();
        List<BoundNode> terms = new ArrayList<>();
        List<Predicate> rest = new ArrayList<>();
        for (Predicate t : o.terms()) {
            if (t instanceof FieldPredicate f && f.matcher() instanceof ValueMatcherSpec.Equals eq) {
                String key = f.field() + (eq.cased() ? "|cased" : "|folded");
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(eq.value());
                groupField.put(key, f.field());
            } else {
                rest.add(t);
            }
        }
        for (Map.Entry<String, List<String>> g : groups.entrySet()) {
            FieldRef field = groupField.get(g.getKey());
            boolean cased = g.getKey().endsWith("|cased");
            if (g.getValue().size() == 1) {
                terms.add(bindLeaf(new FieldPredicate(field, new ValueMatcherSpec.Equals(g.getValue().get(0), cased))));
            } else {
                terms.add(new BoundNode.LeafNode(slot(field), field.derivation(), Matchers.anyOf(g.getValue(), cased)));
            }
        }
        for (Predicate t : rest) {
            terms.add(bind(t));
        }
        if (terms.size() == 1) {
            return terms.get(0);
        }
        return new BoundNode.OrNode(terms.toArray(new BoundNode[0]));
    }

    private static BoundNode bindLeaf(FieldPredicate f) {
        int slot = slot(f.field());
        ValueMatcherSpec spec = f.matcher();
        if (spec instanceof ValueMatcherSpec.Exists) {
            return new BoundNode.ExistsNode(slot);
        }
        if (spec instanceof ValueMatcherSpec.IsNull) {
            return new BoundNode.IsNullNode(slot);
        }
        if (spec instanceof ValueMatcherSpec.FieldRefCompare c) {
            return new FieldRefNode(slot, f.field().derivation(), slot(FieldRef.of(c.otherField())), c.relation(),
                    c.cased());
        }
        return new BoundNode.LeafNode(slot, f.field().derivation(), Matchers.create(spec));
    }
}
