package io.vigil.compiler.predicate;

import java.util.List;

/**
 * The stable text form of a predicate tree: one node per line, children indented by two blanks,
 * leaves written in rule-language syntax. Tests use it as their oracle and {@code rules explain}
 * prints it.
 */
public final class PredicateFormatter {
    private PredicateFormatter() {
    }

    public static String format(Predicate predicate) {
        StringBuilder sb = new StringBuilder();
        append(sb, predicate, 0);
        return sb.toString();
    }

    /** The one-line text of a leaf, e.g. {@code Image endswith '\net.exe'}. */
    public static String formatLeaf(FieldPredicate leaf) {
        return leaf.field() + " " + formatMatcher(leaf.matcher());
    }

    public static String formatMatcher(ValueMatcherSpec spec) {
        if (spec instanceof ValueMatcherSpec.Equals s) {
            return op("eq", s.cased()) + quote(s.value());
        }
        if (spec instanceof ValueMatcherSpec.Prefix s) {
            return op("startswith", s.cased()) + quote(s.value());
        }
        if (spec instanceof ValueMatcherSpec.Suffix s) {
            return op("endswith", s.cased()) + quote(s.value());
        }
        if (spec instanceof ValueMatcherSpec.Contains s) {
            return op("contains", s.cased()) + quote(s.value());
        }
        if (spec instanceof ValueMatcherSpec.Wildcard s) {
            return op("wildcard", s.cased()) + quote(wildcardText(s.parts()));
        }
        if (spec instanceof ValueMatcherSpec.Regex s) {
            return op("regex", s.cased()) + quote(s.pattern());
        }
        if (spec instanceof ValueMatcherSpec.NumericCompare s) {
            return s.comparison().keyword() + " " + s.value().toPlainString();
        }
        if (spec instanceof ValueMatcherSpec.Exists) {
            return "exists";
        }
        if (spec instanceof ValueMatcherSpec.IsNull) {
            return "is null";
        }
        if (spec instanceof ValueMatcherSpec.Cidr s) {
            return "cidr " + quote(s.network());
        }
        if (spec instanceof ValueMatcherSpec.FieldRefCompare s) {
            return op(s.relation().keyword(), s.cased()) + "field(" + formatFieldName(s.otherField()) + ")";
        }
        throw new IllegalStateException("unhandled matcher: " + spec);
    }

    /** Writes wildcard parts back with Sigma escaping: literal {@code * ? \} are escaped. */
    public static String wildcardText(List<Object> parts) {
        StringBuilder sb = new StringBuilder();
        for (Object part : parts) {
            if (part == ValueMatcherSpec.Wildcard.STAR) {
                sb.append('*');
            } else if (part == ValueMatcherSpec.Wildcard.QUESTION) {
                sb.append('?');
            } else {
                String s = (String) part;
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (c == '*' || c == '?') {
                        sb.append('\\');
                    } else if (c == '\\') {
                        // a backslash needs escaping only where it would otherwise escape the next char
                        boolean nextSpecial = i + 1 < s.length() ? "*?\\".indexOf(s.charAt(i + 1)) >= 0 : false;
                        if (nextSpecial || i + 1 == s.length()) {
                            sb.append('\\');
                        }
                    }
                    sb.append(c);
                }
            }
        }
        return sb.toString();
    }

    /** A field name as the rule language reads it back: bare when it is a plain identifier, else quoted. */
    public static String formatFieldName(String name) {
        return isPlainIdentifier(name) ? name : quote(name);
    }

    /** True for a name the rule language reads bare as a field: an identifier that is not a keyword. */
    static boolean isPlainIdentifier(String name) {
        if (name.isEmpty() || RESERVED.contains(name)) {
            return false;
        }
        char first = name.charAt(0);
        if (!(first >= 'A' && first <= 'Z' || first >= 'a' && first <= 'z' || first == '_')) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.'
                    || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** Keywords of the rule language that cannot name a field unquoted. */
    private static final List<String> RESERVED = List.of("rule", "title", "description", "level", "attack", "author",
            "source", "deviation", "events", "match", "aggregate", "and", "or", "not", "exists", "is", "true", "false",
            "eq", "contains", "startswith", "endswith", "wildcard", "regex", "gt", "gte", "lt", "lte", "cased",
            "windash", "cidr", "field", "any", "all", "count", "distinct", "fixed", "sliding", "null", "window", "by",
            "having");

    /** Quotes a value the way the rule language reads it back. */
    public static String quote(String value) {
        boolean printable = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                printable = false;
                break;
            }
        }
        if (printable) {
            return "'" + value.replace("'", "''") + "'";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static String op(String name, boolean cased) {
        return cased ? name + " cased " : name + " ";
    }

    private static void append(StringBuilder sb, Predicate p, int depth) {
        sb.append("  ".repeat(depth));
        if (p instanceof And a) {
            sb.append("and\n");
            for (Predicate t : a.terms()) {
                append(sb, t, depth + 1);
            }
        } else if (p instanceof Or o) {
            sb.append("or\n");
            for (Predicate t : o.terms()) {
                append(sb, t, depth + 1);
            }
        } else if (p instanceof Not n) {
            sb.append("not\n");
            append(sb, n.term(), depth + 1);
        } else if (p instanceof FieldPredicate f) {
            sb.append(formatLeaf(f)).append('\n');
        } else if (p instanceof Constant c) {
            sb.append(c.value()).append('\n');
        } else {
            throw new IllegalStateException("unhandled node: " + p);
        }
    }
}
