package io.vigil.connectors.event;

import java.util.Locale;

/**
 * Locale-independent case folding used on both sides of every case-insensitive comparison. ASCII
 * strings take a fast path; anything else folds through upper then lower case with
 * {@link Locale#ROOT}, so that e.g. the Turkish dotless i and the Kelvin sign compare as Unicode's
 * simple case folding would, whatever the JVM's default locale.
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
            sb.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp)));
            j += Character.charCount(cp);
        }
        return sb.toString();
    }
}
