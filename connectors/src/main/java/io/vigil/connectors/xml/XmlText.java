package io.vigil.connectors.xml;

/**
 * Makes one record's text acceptable to an XML 1.0 parser without losing characters, and undoes
 * the mapping in the parsed values.
 *
 * <ul>
 *   <li>A raw CR in text or in an attribute value becomes {@code &#13;}, which the parser keeps,
 *       instead of being folded into LF as XML end-of-line handling would.</li>
 *   <li>Control characters that XML 1.0 forbids (U+0000 to U+001F other than TAB, LF and CR),
 *       raw or written as character references such as {@code &#x1;}, become U+E000 plus their
 *       code; {@link #restore} maps them back. A record that contains no such character is never
 *       restored, so genuine private-use characters survive there.</li>
 *   <li>U+FFFE and U+FFFF, which XML also forbids, become U+FFFD.</li>
 * </ul>
 */
final class XmlText {
    static final char CONTROL_BASE = '\uE000';

    /** The prepared text, and whether any control character was mapped. */
    record Prepared(String text, boolean mappedControls) {
    }

    private XmlText() {
    }

    static Prepared prepare(String record) {
        if (isClean(record)) {
            return new Prepared(record, false);
        }
        StringBuilder out = null;
        boolean mapped = false;
        boolean inTag = false;
        char quote = 0;
        int n = record.length();
        for (int i = 0; i < n; i++) {
            char c = record.charAt(i);
            String replacement = null;
            int consumed = 1;
            if (inTag && quote == 0) {
                if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '>') {
                    inTag = false;
                }
            } else if (c == '<' && quote == 0) {
                int skip = verbatimEnd(record, i);
                if (skip > i) {
                    if (out != null) {
                        out.append(record, i, skip);
                    }
                    i = skip - 1;
                    continue;
                }
                inTag = true;
            } else if (quote != 0 && c == quote) {
                quote = 0;
            } else if (c == '\r') {
                replacement = "&#13;";
            } else if (c < 0x20 && c != '\t' && c != '\n') {
                replacement = String.valueOf((char) (CONTROL_BASE + c));
                mapped = true;
            } else if (c == '\uFFFE' || c == '\uFFFF') {
                replacement = "\uFFFD";
            } else if (c == '&' && i + 2 < n && record.charAt(i + 1) == '#') {
                int end = record.indexOf(';', i + 2);
                int code = end > 0 && end - i <= 12 ? charRef(record, i + 2, end) : -1;
                if (isForbiddenControl(code)) {
                    replacement = String.valueOf((char) (CONTROL_BASE + code));
                    consumed = end - i + 1;
                    mapped = true;
                } else if (code == 0xFFFE || code == 0xFFFF) {
                    replacement = "\uFFFD";
                    consumed = end - i + 1;
                }
            }
            if (replacement != null && out == null) {
                out = new StringBuilder(n + 64).append(record, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
            i += consumed - 1;
        }
        return new Prepared(out == null ? record : out.toString(), mapped);
    }

    /** True when nothing needs preparing: no CR, control character, character reference, U+FFFE or U+FFFF. */
    private static boolean isClean(String record) {
        int n = record.length();
        for (int i = 0; i < n; i++) {
            char c = record.charAt(i);
            if (c < 0x20 ? c != '\t' && c != '\n' : c >= '\uFFFE' || c == '&' && i + 1 < n && record.charAt(i + 1) == '#') {
                return false;
            }
        }
        return true;
    }

    /** Maps U+E000..U+E01F back to the control characters they stand for. */
    static String restore(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean control = c >= CONTROL_BASE && c < CONTROL_BASE + 0x20;
            if (control && out == null) {
                out = new StringBuilder(value.length()).append(value, 0, i);
            }
            if (out != null) {
                out.append(control ? (char) (c - CONTROL_BASE) : c);
            }
        }
        return out == null ? value : out.toString();
    }

    /**
     * For a comment, CDATA section or processing instruction starting at {@code i}, the index just
     * after its end (it is copied unchanged); otherwise {@code i}.
     */
    private static int verbatimEnd(String s, int i) {
        String end;
        if (s.startsWith("<!--", i)) {
            end = "-->";
        } else if (s.startsWith("<![CDATA[", i)) {
            end = "]]>";
        } else if (s.startsWith("<?", i)) {
            end = "?>";
        } else {
            return i;
        }
        int at = s.indexOf(end, i + 2);
        return at < 0 ? s.length() : at + end.length();
    }

    private static boolean isForbiddenControl(int code) {
        return code >= 0 && code < 0x20 && code != '\t' && code != '\n' && code != '\r';
    }

    /** The code of a character reference {@code &#…;} whose digits are in [from, end), or -1. */
    private static int charRef(String s, int from, int end) {
        boolean hex = from < end && (s.charAt(from) == 'x' || s.charAt(from) == 'X');
        int start = hex ? from + 1 : from;
        if (start >= end) {
            return -1;
        }
        int code = 0;
        for (int i = start; i < end; i++) {
            int digit = Character.digit(s.charAt(i), hex ? 16 : 10);
            if (digit < 0) {
                return -1;
            }
            code = code * (hex ? 16 : 10) + digit;
            if (code > 0x10FFFF) {
                return -1;
            }
        }
        return code;
    }
}
