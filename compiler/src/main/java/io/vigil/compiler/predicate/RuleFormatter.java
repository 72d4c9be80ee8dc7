package io.vigil.compiler.predicate;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a compiled rule in the rule language ({@code vigil rules convert}). The text parses back
 * to the same predicate tree: every leaf is written with an operator that compiles to exactly its
 * value matcher, and the tree's shape is kept with parentheses. Runs of leaves on one field with
 * one operator are written as {@code any [...]} or {@code all [...]} lists, which the parser
 * flattens back into the same terms.
 */
public final class RuleFormatter {
    private static final int WIDTH = 110;
    private static final String INDENT = "    ";

    private RuleFormatter() {
    }

    public static String format(CompiledRule rule) {
        requireNonNull(rule, "rule is null");
        StringBuilder sb = new StringBuilder();
        sb.append("rule ").append(PredicateFormatter.quote(rule.id())).append(" {\n");
        sb.append(INDENT).append("title ").append(PredicateFormatter.quote(rule.title())).append('\n');
        rule.description().ifPresent(d -> sb.append(INDENT).append("description ")
                .append(PredicateFormatter.quote(d)).append('\n'));
        sb.append(INDENT).append("level ").append(rule.level()).append('\n');
        if (!rule.attack().isEmpty()) {
            sb.append(INDENT).append("attack ").append(String.join(", ", rule.attack())).append('\n');
        }
        rule.author().ifPresent(a -> sb.append(INDENT).append("author ").append(PredicateFormatter.quote(a))
                .append('\n'));
        sb.append(INDENT).append("source ").append(rule.source().vendor());
        rule.source().id().ifPresent(v -> sb.append(" id ").append(PredicateFormatter.quote(v)));
        rule.source().path().ifPresent(v -> sb.append(" path ").append(PredicateFormatter.quote(v)));
        rule.source().license().ifPresent(v -> sb.append(" license ").append(PredicateFormatter.quote(v)));
        for (Map.Entry<String, String> a : rule.source().attributes().entrySet()) {
            sb.append(' ').append(a.getKey()).append(' ').append(PredicateFormatter.quote(a.getValue()));
        }
        sb.append('\n');
        for (String d : rule.deviations()) {
            sb.append(INDENT).append("deviation ").append(PredicateFormatter.quote(d)).append('\n');
        }
        sb.append(INDENT).append("events ").append(String.join(", ", rule.eventTypes())).append('\n');
        sb.append(INDENT).append("match\n");
        String indent = INDENT + INDENT;
        sb.append(indent).append(condition(rule.predicate(), indent, false)).append('\n');
        rule.aggregation().ifPresent(a -> sb.append(INDENT).append(a).append('\n'));
        return sb.append("}\n").toString();
    }

    private static String condition(Predicate p, String indent, boolean parenthesize) {
        return condition(p, indent, parenthesize, WIDTH);
    }

    private static String condition(Predicate p, String indent, boolean parenthesize, int width) {
        if (p instanceof Constant c) {
            return String.valueOf(c.value());
        }
        if (p instanceof FieldPredicate f) {
            return leaves(List.of(f), false, indent, width);
        }
        if (p instanceof Not n) {
            return "not " + condition(n.term(), indent, true, width);
        }
        boolean isAnd = p instanceof And;
        List<Term> terms = group(isAnd ? ((And) p).terms() : ((Or) p).terms());
        String op = isAnd ? "and" : "or";
        if (terms.size() == 1) {
            return terms.get(0).format(isAnd, indent, width);
        }
        List<String> flatParts = new ArrayList<>();
        for (Term t : terms) {
            flatParts.add(t.format(isAnd, "", Integer.MAX_VALUE));
        }
        String flat = String.join(" " + op + " ", flatParts);
        if (indent.length() + flat.length() + 2 <= width) {
            return parenthesize ? "(" + flat + ")" : flat;
        }
        String inner = parenthesize ? indent + INDENT : indent;
        StringBuilder sb = new StringBuilder();
        if (parenthesize) {
            sb.append("(\n").append(inner);
        }
        for (int k = 0; k < terms.size(); k++) {
            if (k > 0) {
                sb.append('\n').append(inner).append(op).append(' ');
            }
            sb.append(terms.get(k).format(isAnd, inner, width));
        }
        if (parenthesize) {
            sb.append('\n').append(indent).append(')');
        }
        return sb.toString();
    }

    /** A term of an and/or: a run of leaves written as one list, or any other predicate. */
    private record Term(List<FieldPredicate> run, Optional<Predicate> other) {
        Term {
            run = List.copyOf(requireNonNull(run, "run is null"));
            requireNonNull(other, "other is null");
        }

        static Term leaves(List<FieldPredicate> run) {
            return new Term(run, Optional.empty());
        }

        static Term other(Predicate p) {
            return new Term(List.of(), Optional.of(p));
        }

        String format(boolean isAnd, String indent, int width) {
            return other.isPresent() ? condition(other.get(), indent, true, width)
                    : RuleFormatter.leaves(run, isAnd, indent, width);
        }
    }

    /** Splits terms into runs of leaves that share field, operator and case mode, and other terms. */
    private static List<Term> group(List<Predicate> terms) {
        List<Term> out = new ArrayList<>();
        List<FieldPredicate> run = new ArrayList<>();
        for (Predicate t : terms) {
            if (t instanceof FieldPredicate f && listable(f)) {
                if (!run.isEmpty() && !sameOperator(run.get(0), f)) {
                    out.add(Term.leaves(run));
                    run = new ArrayList<>();
                }
                run.add(f);
                continue;
            }
            if (!run.isEmpty()) {
                out.add(Term.leaves(run));
                run = new ArrayList<>();
            }
            out.add(t instanceof FieldPredicate f ? Term.leaves(List.of(f)) : Term.other(t));
        }
        if (!run.isEmpty()) {
            out.add(Term.leaves(run));
        }
        return out;
    }

    private static boolean listable(FieldPredicate f) {
        ValueMatcherSpec s = f.matcher();
        return !(s instanceof ValueMatcherSpec.Exists || s instanceof ValueMatcherSpec.IsNull
                || s instanceof ValueMatcherSpec.FieldRefCompare);
    }

    private static boolean sameOperator(FieldPredicate a, FieldPredicate b) {
        return a.field().equals(b.field()) && operator(a.matcher()).equals(operator(b.matcher()));
    }

    /** The operator and modifiers of a leaf, e.g. {@code contains cased}. */
    private static String operator(ValueMatcherSpec s) {
        if (s instanceof ValueMatcherSpec.Equals e) {
            return op("eq", e.cased());
        }
        if (s instanceof ValueMatcherSpec.Prefix e) {
            return op("startswith", e.cased());
        }
        if (s instanceof ValueMatcherSpec.Suffix e) {
            return op("endswith", e.cased());
        }
        if (s instanceof ValueMatcherSpec.Contains e) {
            return op("contains", e.cased());
        }
        if (s instanceof ValueMatcherSpec.Wildcard e) {
            return op("wildcard", e.cased());
        }
        if (s instanceof ValueMatcherSpec.Regex e) {
            return op("regex", e.cased());
        }
        if (s instanceof ValueMatcherSpec.NumericCompare e) {
            return e.comparison().keyword();
        }
        if (s instanceof ValueMatcherSpec.Cidr) {
            return "cidr";
        }
        throw new IllegalStateException("not a list operator: " + s);
    }

    private static String op(String name, boolean cased) {
        return cased ? name + " cased" : name;
    }

    private static String value(ValueMatcherSpec s) {
        if (s instanceof ValueMatcherSpec.Equals e) {
            return PredicateFormatter.quote(e.value());
        }
        if (s instanceof ValueMatcherSpec.Prefix e) {
            return PredicateFormatter.quote(e.value());
        }
        if (s instanceof ValueMatcherSpec.Suffix e) {
            return PredicateFormatter.quote(e.value());
        }
        if (s instanceof ValueMatcherSpec.Contains e) {
            return PredicateFormatter.quote(e.value());
        }
        if (s instanceof ValueMatcherSpec.Wildcard e) {
            return PredicateFormatter.quote(PredicateFormatter.wildcardText(e.parts()));
        }
        if (s instanceof ValueMatcherSpec.Regex e) {
            return PredicateFormatter.quote(e.pattern());
        }
        if (s instanceof ValueMatcherSpec.NumericCompare e) {
            return e.value().toPlainString();
        }
        if (s instanceof ValueMatcherSpec.Cidr e) {
            return PredicateFormatter.quote(e.network());
        }
        throw new IllegalStateException("not a list operator: " + s);
    }

    private static String field(FieldRef f) {
        String name = PredicateFormatter.formatFieldName(f.name());
        return f.derivation() == Derivation.NONE ? name : f.derivation().functionName() + "(" + name + ")";
    }

    /** One leaf, or a run of leaves as {@code any [...]} / {@code all [...]}. */
    private static String leaves(List<FieldPredicate> run, boolean isAnd, String indent, int width) {
        FieldPredicate first = run.get(0);
        ValueMatcherSpec s = first.matcher();
        if (s instanceof ValueMatcherSpec.Exists) {
            return field(first.field()) + " exists";
        }
        if (s instanceof ValueMatcherSpec.IsNull) {
            return field(first.field()) + " is null";
        }
        if (s instanceof ValueMatcherSpec.FieldRefCompare c) {
            return field(first.field()) + " " + op(c.relation().keyword(), c.cased()) + " field("
                    + PredicateFormatter.formatFieldName(c.otherField()) + ")";
        }
        String head = field(first.field()) + " " + operator(s) + " ";
        if (run.size() == 1) {
            return head + value(s);
        }
        List<String> values = new ArrayList<>();
        for (FieldPredicate f : run) {
            values.add(value(f.matcher()));
        }
        String quantifier = isAnd ? "all" : "any";
        String flat = head + quantifier + " [" + String.join(", ", values) + "]";
        if (indent.length() + flat.length() <= width) {
            return flat;
        }
        StringBuilder sb = new StringBuilder(head).append(quantifier).append(" [\n");
        String inner = indent + INDENT;
        StringBuilder line = new StringBuilder(inner);
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i) + (i + 1 < values.size() ? "," : "");
            if (line.length() > inner.length() && line.length() + 1 + v.length() > width) {
                sb.append(line).append('\n');
                line = new StringBuilder(inner);
            }
            if (line.length() > inner.length()) {
                line.append(' ');
            }
            line.append(v);
        }
        sb.append(line).append('\n').append(indent).append(']');
        return sb.toString();
    }
}
