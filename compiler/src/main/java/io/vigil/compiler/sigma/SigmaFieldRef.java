package io.vigil.compiler.sigma;

import static java.util.Objects.requireNonNull;

import io.vigil.compiler.predicate.ValueMatcherSpec.FieldRefCompare.Relation;

/** Another field of the same event ({@code fieldref}), compared by equality, prefix, suffix or containment. */
public record SigmaFieldRef(String field, Relation relation) implements SigmaValue {
    public SigmaFieldRef {
        requireNonNull(field, "field is null");
        requireNonNull(relation, "relation is null");
    }

    /** The relation after {@code startswith} ({@code prefix}) or {@code endswith} ({@code suffix}). */
    public SigmaFieldRef with(boolean prefix, boolean suffix) {
        boolean p = prefix || relation == Relation.PREFIX || relation == Relation.CONTAINS;
        boolean s = suffix || relation == Relation.SUFFIX || relation == Relation.CONTAINS;
        Relation r = p && s ? Relation.CONTAINS : p ? Relation.PREFIX : s ? Relation.SUFFIX : Relation.EQUALS;
        return new SigmaFieldRef(field, r);
    }

    @Override
    public String kind() {
        return "a field reference";
    }
}
