package io.vigil.compiler.lower;

import java.util.ArrayList;
import java.util.List;

/**
 * Sigma's {@code windash}: a {@code -} or {@code /} that starts a word (at the start of the value
 * or after a non-word character, and followed by a word character) may be written with any of
 * the dash characters Windows command lines accept. Every combination is produced; inner dashes
 * such as the one in {@code Get-NetTCPConnection} are never expanded.
 */
public final class Windash {
    /** The characters a flag may start with: hyphen-minus, slash, en dash, em dash, horizontal bar. */
    public static final List<Character> DASHES = List.of('-', '/', '\u2013', '\u2014', '\u2015');
    /** Above this many variants the expansion is refused (5^5). */
    public static final int MAX_VARIANTS = 3125;

    private Windash() {
    }

    public static List<String> expand(String value) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c == '-' || c == '/') && !wordChar(value, i - 1) && wordChar(value, i + 1)) {
                positions.add(i);
            }
        }
        List<String> out = new ArrayList<>();
        out.add(value);
        for (int pos : positions) {
            List<String> next = new ArrayList<>(out.size() * DASHES.size());
            for (String s : out) {
                for (char dash : DASHES) {
                    char[] chars = s.toCharArray();
                    chars[pos] = dash;
                    next.add(new String(chars));
                }
            }
            out = next;
            if (out.size() > MAX_VARIANTS) {
                throw new IllegalArgumentException("windash expands to more than " + MAX_VARIANTS + " variants");
            }
        }
        return out;
    }

    private static boolean wordChar(String s, int i) {
        if (i < 0 || i >= s.length()) {
            return false;
        }
        char c = s.charAt(i);
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
