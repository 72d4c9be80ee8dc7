package io.vigil.compiler.sigma;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A regular expression ({@code re}), searched unanchored and case-sensitively unless the
 * {@code i} flag is set. {@code placeholders} is set by {@code expand}: {@code %name%} in the
 * pattern is replaced by configured values.
 */
public record SigmaRegex(String pattern, List<Flag> flags, boolean placeholders) implements SigmaValue {
    /** Regular-expression flags, written as inline flags {@code (?ims)}. */
    public enum Flag {
        IGNORECASE('i'),
        MULTILINE('m'),
        DOTALL('s');

        private final char inline;

        Flag(char inline) {
            this.inline = inline;
        }

        public char inline() {
            return inline;
        }
    }

    public SigmaRegex {
        requireNonNull(pattern, "pattern is null");
        List<Flag> sorted = new ArrayList<>();
        for (Flag f : Flag.values()) {
            if (requireNonNull(flags, "flags is null").contains(f)) {
                sorted.add(f);
            }
        }
        flags = List.copyOf(sorted);
    }

    public SigmaRegex withFlag(Flag flag) {
        List<Flag> more = new ArrayList<>(flags);
        more.add(flag);
        return new SigmaRegex(pattern, more, placeholders);
    }

    public SigmaRegex withPattern(String newPattern) {
        return new SigmaRegex(newPattern, flags, placeholders);
    }

    /** The pattern with its flags inline, e.g. {@code (?i)foo}. */
    public String inlinePattern() {
        if (flags.isEmpty()) {
            return pattern;
        }
        StringBuilder sb = new StringBuilder("(?");
        for (Flag f : flags) {
            sb.append(f.inline());
        }
        return sb.append(')').append(pattern).toString();
    }

    @Override
    public String kind() {
        return "a regular expression";
    }
}
