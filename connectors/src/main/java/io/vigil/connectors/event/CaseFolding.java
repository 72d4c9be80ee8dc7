package io.vigil.connectors.event;

import java.util.Locale;

/**
 * Locale-independent case folding used on both sides of every case-insensitive comparison. ASCII
 * strings take a fast path; anything else folds through upper then lower case with
 * {@link Locale#ROOT}, so that e.g. the Kelvin sign and the long s compare as Unicode's simple
 * case folding would, whatever the JVM's default locale. The Turkish dotted capital I and
 * dotless small i have no simple folding and stay as they are.
 */
public final class CaseFolding {
    private CaseFolding() {
    }

    public static String fold(String s) {
        int n = s.length();
        int i = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
                break;
            }
        }
        if (i == n) {
            return s;
        }
        char[] out = s.toCharArray();
        for (int j = i; j < n; j++) {
            char c = out[j];
            if (c < 0x80) {
                if (c >= 'A' && c <= 'Z') {
                    out[j] = (char) (c + 32);
                }
            } else if (Character.isHighSurrogate(c) && j + 1 < n && Character.isLowSurrogate(out[j + 1])) {
                int cp = Character.toCodePoint(c, out[j + 1]);
                int folded = Character.toLowerCase(Character.toUpperCase(cp));
                if (Character.charCount(folded) == 2) {
                    out[j] = Character.highSurrogate(folded);
                    out[j + 1] = Character.lowSurrogate(folded);
                }
                j++;
            } else if (c != 0x130 && c != 0x131) {
                // U+0130 and U+0131 have no simple case folding in Unicode: they stay themselves
                out[j] = Character.toLowerCase(Character.toUpperCase(c));
            }
        }
        return new String(out);
    }
}
