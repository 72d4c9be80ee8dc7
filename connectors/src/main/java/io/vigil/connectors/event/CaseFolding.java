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
        boolean ascii = true;
        for (int j = i; j < n; j++) {
            if (s.charAt(j) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            char[] out = s.toCharArray();
            for (int j = i; j < n; j++) {
                char c = out[j];
                if (c >= 'A' && c <= 'Z') {
                    out[j] = (char) (c + 32);
                }
            }
            return new String(out);
        }
        StringBuilder sb = new StringBuilder(n);
        for (int j = 0; j < n; ) {
            int cp = s.codePointAt(j);
            // U+0130 and U+0131 have no simple case folding in Unicode: they stay themselves
            sb.appendCodePoint(cp == 0x130 || cp == 0x131 ? cp : Character.toLowerCase(Character.toUpperCase(cp)));
            j += Character.charCount(cp);
        }
        return sb.toString();
    }
}
