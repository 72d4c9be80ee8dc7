package io.vigil.compiler.lower;

import io.vigil.compiler.predicate.ValueMatcherSpec;
import io.vigil.compiler.predicate.ValueMatcherSpec.Wildcard;
import java.util.ArrayList;
import java.util.List;

/**
 * Sigma's wildcard strings. An unescaped {@code *} matches any run and {@code ?} exactly one
 * character; {@code \*}, {@code \?} and {@code \\} stand for the literal character; a backslash
 * before any other character is itself literal.
 */
public final class Wildcards {
    private Wildcards() {
    }

    /** Parses a pattern into literal text and wildcard tokens, merging adjacent literals. */
    public static List<Object> parse(String pattern) {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length() && "*?\\".indexOf(pattern.charAt(i + 1)) >= 0) {
                literal.append(pattern.charAt(i + 1));
                i++;
            } else if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                Object token = c == '*' ? Wildcard.STAR : Wildcard.QUESTION;
                // collapse runs of stars: ** is the same as *
                if (!(token == Wildcard.STAR && !parts.isEmpty() && parts.get(parts.size() - 1) == Wildcard.STAR)) {
                    parts.add(token);
                }
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
        }
        return parts;
    }

    /**
     * Classifies a parsed pattern: exact, prefix, suffix and contains patterns get their dedicated
     * matcher; anything else stays a wildcard.
     */
    public static ValueMatcherSpec classify(List<Object> parts, boolean cased) {
        if (parts.isEmpty()) {
            return new ValueMatcherSpec.Equals("", cased);
        }
        if (parts.size() == 1) {
            Object p = parts.get(0);
            if (p instanceof String s) {
                return new ValueMatcherSpec.Equals(s, cased);
            }
            return new Wildcard(parts, cased);
        }
        boolean leadingStar = parts.get(0) == Wildcard.STAR;
        boolean trailingStar = parts.get(parts.size() - 1) == Wildcard.STAR;
        if (parts.size() == 2) {
            if (leadingStar && parts.get(1) instanceof String s) {
                return new ValueMatcherSpec.Suffix(s, cased);
            }
            if (trailingStar && parts.get(0) instanceof String s) {
                return new ValueMatcherSpec.Prefix(s, cased);
            }
        }
        if (parts.size() == 3 && leadingStar && trailingStar && parts.get(1) instanceof String s) {
            return new ValueMatcherSpec.Contains(s, cased);
        }
        return new Wildcard(parts, cased);
    }

    /** True when the text contains an unescaped wildcard character. */
    public static boolean hasWildcards(String pattern) {
        for (Object part : parse(pattern)) {
            if (!(part instanceof String)) {
                return true;
            }
        }
        return false;
    }
}
