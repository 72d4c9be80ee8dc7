package io.vigil.engine.match;

import io.vigil.compiler.predicate.ValueMatcherSpec.Wildcard;
import java.util.List;

/**
 * A glob over the whole value: literal segments, {@code *} (any run) and {@code ?} (exactly one
 * character). Matching backtracks only to the last star, so the work is at most proportional to
 * the value length times the pattern length; a pre-check on the minimum length rejects most
 * values at once.
 */
final class WildcardMatcher implements StringMatcher {
    private static final int STAR = -1;
    private static final int QUESTION = -2;

    private final int[] kinds;
    private final String[] literals;
    private final int minLength;
    private final boolean folded;
    private final String text;

    WildcardMatcher(List<Object> parts, boolean folded) {
        this.kinds = new int[parts.size()];
        this.literals = new String[parts.size()];
        int min = 0;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            Object p = parts.get(i);
            if (p == Wildcard.STAR) {
                kinds[i] = STAR;
                sb.append('*');
            } else if (p == Wildcard.QUESTION) {
                kinds[i] = QUESTION;
                min++;
                sb.append('?');
            } else {
                literals[i] = (String) p;
                kinds[i] = literals[i].length();
                min += literals[i].length();
                sb.append(literals[i]);
            }
        }
        this.minLength = min;
        this.folded = folded;
        this.text = sb.toString();
    }

    @Override
    public boolean matches(String s) {
        if (s.length() < minLength) {
            return false;
        }
        int n = s.length();
        int pi = 0;
        int si = 0;
        int starPart = -1;
        int starPos = 0;
        while (true) {
            if (pi < kinds.length && kinds[pi] == STAR) {
                starPart = pi++;
                starPos = si;
                continue;
            }
            if (pi == kinds.length) {
                if (si == n) {
                    return true;
                }
            } else if (kinds[pi] == QUESTION) {
                if (si < n) {
                    pi++;
                    si++;
                    continue;
                }
            } else {
                String lit = literals[pi];
                if (s.startsWith(lit, si)) {
                    pi++;
                    si += lit.length();
                    continue;
                }
            }
            // mismatch: let the last star absorb one more character
            if (starPart < 0 || starPos >= n) {
                return false;
            }
            starPos++;
            si = starPos;
            pi = starPart + 1;
        }
    }

    @Override
    public boolean folded() {
        return folded;
    }

    @Override
    public String describe() {
        return "wildcard " + text;
    }
}
