package io.vigil.compiler.sigma;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A Sigma string: literal text and wildcard tokens, case-insensitive unless {@code cased}.
 *
 * <p>Sigma's escaping: an unescaped {@code *} matches any run and {@code ?} exactly one character;
 * {@code \*}, {@code \?} and {@code \\} stand for the literal character; a backslash before any
 * other character, or at the end, is itself literal. {@code original} is the text as written in
 * the rule ({@code re} and {@code cidr} read it unparsed).
 */
public record SigmaString(List<Part> parts, boolean cased, String original) implements SigmaValue {
    /** A piece of a Sigma string. */
    public sealed interface Part permits Literal, WildcardMulti, WildcardSingle, Placeholder {
    }

    /** Literal text (escapes already resolved). */
    public record Literal(String text) implements Part {
        public Literal {
            requireNonNull(text, "text is null");
            if (text.isEmpty()) {
                throw new IllegalArgumentException("empty literal");
            }
        }
    }

    /** {@code *}: any run of characters. */
    public record WildcardMulti() implements Part {
        @Override
        public String toString() {
            return "*";
        }
    }

    /** {@code ?}: exactly one character. */
    public record WildcardSingle() implements Part {
        @Override
        public String toString() {
            return "?";
        }
    }

    /** {@code %name%} after the {@code expand} modifier: replaced by configured values. */
    public record Placeholder(String name) implements Part {
        public Placeholder {
            requireNonNull(name, "name is null");
        }
    }

    public static final WildcardMulti STAR = new WildcardMulti();
    public static final WildcardSingle QUESTION = new WildcardSingle();

    public SigmaString {
        parts = normalize(requireNonNull(parts, "parts is null"));
        requireNonNull(original, "original is null");
    }

    /** Parses Sigma's escaping and wildcards. */
    public static SigmaString parse(String text) {
        requireNonNull(text, "text is null");
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && "*?\\".indexOf(text.charAt(i + 1)) >= 0) {
                literal.append(text.charAt(++i));
            } else if (c == '*' || c == '?') {
                flush(literal, parts);
                parts.add(c == '*' ? STAR : QUESTION);
            } else {
                literal.append(c);
            }
        }
        flush(literal, parts);
        return new SigmaString(parts, false, text);
    }

    /** A string of literal text only, with no escape processing. */
    public static SigmaString literal(String text) {
        return new SigmaString(text.isEmpty() ? List.of() : List.of(new Literal(text)), false, text);
    }

    /** True when the string has a wildcard or a placeholder. */
    public boolean containsSpecial() {
        for (Part p : parts) {
            if (!(p instanceof Literal)) {
                return true;
            }
        }
        return false;
    }

    /** True when the string has a placeholder. */
    public boolean containsPlaceholder() {
        for (Part p : parts) {
            if (p instanceof Placeholder) {
                return true;
            }
        }
        return false;
    }

    /** The literal text of a string without wildcards or placeholders. */
    public String plainText() {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (!(p instanceof Literal l)) {
                throw new IllegalStateException("not a plain string: " + this);
            }
            sb.append(l.text());
        }
        return sb.toString();
    }

    public boolean startsWithStar() {
        return !parts.isEmpty() && parts.get(0) instanceof WildcardMulti;
    }

    public boolean endsWithStar() {
        return !parts.isEmpty() && parts.get(parts.size() - 1) instanceof WildcardMulti;
    }

    /** A copy with other parts, keeping case mode and original text. */
    public SigmaString withParts(List<Part> newParts) {
        return new SigmaString(newParts, cased, original);
    }

    public SigmaString withCased(boolean newCased) {
        return new SigmaString(parts, newCased, original);
    }

    /** The string written back with Sigma escaping. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Literal l) {
                String s = l.text();
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (c == '*' || c == '?') {
                        sb.append('\\');
                    } else if (c == '\\' && (i + 1 == s.length() || "*?\\".indexOf(s.charAt(i + 1)) >= 0)) {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
            } else if (p instanceof Placeholder ph) {
                sb.append('%').append(ph.name()).append('%');
            } else {
                sb.append(p);
            }
        }
        return sb.toString();
    }

    @Override
    public String kind() {
        return "a string";
    }

    @Override
    public String toString() {
        return "'" + render() + "'" + (cased ? " (cased)" : "");
    }

    private static void flush(StringBuilder literal, List<Part> parts) {
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
            literal.setLength(0);
        }
    }

    /** Merges adjacent literals and collapses runs of {@code *}. */
    private static List<Part> normalize(List<Part> in) {
        List<Part> out = new ArrayList<>(in.size());
        for (Part p : in) {
            requireNonNull(p, "part is null");
            Part last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (p instanceof Literal l && last instanceof Literal prev) {
                out.set(out.size() - 1, new Literal(prev.text() + l.text()));
            } else if (p instanceof WildcardMulti && last instanceof WildcardMulti) {
                continue;
            } else {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }
}
