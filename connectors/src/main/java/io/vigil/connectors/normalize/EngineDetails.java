package io.vigil.connectors.normalize;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the details block of classic PowerShell events (400, 403, 600, 800): the third unnamed
 * {@code <Data>} of the event, or NXLog's rendered message, which holds lines such as
 * {@code \tHostApplication=powershell.exe -nop -c "..."}.
 *
 * <p>The text is split on a line break followed by a TAB; each piece is split on its first
 * {@code =} only (the value may contain more). CR is dropped, so CRLF and LF input give the same
 * values; pieces without a key (the message's first sentence) are skipped.
 */
final class EngineDetails {
    private EngineDetails() {
    }

    /** The keys in order of appearance, with their values; the first occurrence of a key wins. */
    static Map<String, String> parse(String blob) {
        String text = blob.replace("\r\n", "\n");
        Map<String, String> result = new LinkedHashMap<>();
        int start = 0;
        int n = text.length();
        while (start <= n) {
            int end = text.indexOf("\n\t", start);
            if (end < 0) {
                end = n;
            }
            addPiece(text.substring(start, end), result);
            start = end + 2;
        }
        return result;
    }

    private static void addPiece(String piece, Map<String, String> result) {
        String p = piece.startsWith("\t") ? piece.substring(1) : piece;
        int eq = p.indexOf('=');
        if (eq <= 0) {
            return;
        }
        String key = p.substring(0, eq).trim();
        if (key.isEmpty() || !isKey(key)) {
            return;
        }
        result.putIfAbsent(key, ContextInfo.stripTrailingBreaks(p.substring(eq + 1)));
    }

    private static boolean isKey(String key) {
        for (int i = 0; i < key.length(); i++) {
            if (!Character.isLetterOrDigit(key.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
