package io.vigil.connectors.normalize;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the {@code ContextInfo} block of PowerShell 4103 events:
 *
 * <pre>
 *         Severity = Informational
 *         Host Application = powershell.exe -nop -c ...
 *         Command Name = Get-NetSession
 * </pre>
 *
 * A key line is indented by at least eight blanks and reads {@code Key = value}, split on the first
 * {@code " = "}; the key is letters and blanks only. Any other line continues the previous value.
 * Trailing CR is dropped from every line, and trailing line breaks from every value.
 */
final class ContextInfo {
    private static final int INDENT = 8;

    private ContextInfo() {
    }

    /** The keys in order of appearance, with their values. */
    static Map<String, String> parse(String text) {
        Map<String, StringBuilder> values = new LinkedHashMap<>();
        StringBuilder current = null;
        int start = 0;
        int n = text.length();
        while (start <= n) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            String line = stripCr(text.substring(start, end));
            int split = keySplit(line);
            if (split > 0) {
                String key = line.substring(0, split).trim();
                int valueStart = Math.min(line.length(), split + 3);
                current = new StringBuilder(line.substring(valueStart));
                values.putIfAbsent(key, current);
            } else if (current != null) {
                current.append('\n').append(line);
            }
            start = end + 1;
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, StringBuilder> e : values.entrySet()) {
            result.put(e.getKey(), stripTrailingBreaks(e.getValue()));
        }
        return result;
    }

    /** Index of the {@code " = "} after a key, or -1 when the line is not a key line. */
    private static int keySplit(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        if (i < INDENT) {
            return -1;
        }
        int eq = line.indexOf(" = ", i);
        if (eq < 0 && line.endsWith(" =")) {
            eq = line.length() - 2;
        }
        if (eq <= i) {
            return -1;
        }
        for (int j = i; j < eq; j++) {
            char c = line.charAt(j);
            if (!Character.isLetter(c) && c != ' ') {
                return -1;
            }
        }
        return eq;
    }

    static String stripCr(String line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        return line.substring(0, end);
    }

    static String stripTrailingBreaks(CharSequence s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.subSequence(0, end).toString();
    }
}
