package io.vigil.connectors.evtx;

import java.util.Arrays;

/**
 * Renders the binary XML of a record as event XML text, laid out as libevtx's
 * {@code evtxexport -f xml} does: two-space indentation, one element per line, text content on
 * the line of its element, empty elements closed with {@code />}, and {@code &}, {@code <},
 * {@code >} (and {@code "} in attributes) escaped. Values are Windows' renderings (see
 * {@link ValueFormatter}). One instance per reader; not thread-safe.
 */
final class XmlTextHandler implements BinXmlHandler {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** Characters escaped: markup, and the C0 controls other than tab, LF and CR. */
    private static final boolean[] SPECIAL = new boolean['>' + 1];

    static {
        for (char c = 0; c < ' '; c++) {
            SPECIAL[c] = c != '\t' && c != '\n' && c != '\r';
        }
        SPECIAL['&'] = true;
        SPECIAL['<'] = true;
        SPECIAL['>'] = true;
        SPECIAL['"'] = true;
    }

    private StringBuilder out = new StringBuilder(4096);
    private int lastLength = 4096;
    private String[] names = new String[16];
    /** Per open element: 0 = start tag still open, 1 = has text, 2 = has child elements. */
    private int[] state = new int[16];
    private int depth;

    void begin() {
        // a fresh builder per record: one that ever held a non-Latin-1 character stays UTF-16
        out = new StringBuilder(lastLength + 256);
        depth = 0;
    }

    String finish() {
        while (depth > 0) {
            endElement();
        }
        lastLength = out.length();
        return out.toString();
    }

    @Override
    public void startElement(XmlName element, XmlName[] attributeNames, String[] attributeValues, int count) {
        String name = element.qualified;
        if (depth > 0) {
            int parent = depth - 1;
            if (state[parent] == 0) {
                out.append(">\n");
            } else if (state[parent] == 1) {
                out.append('\n');
            }
            state[parent] = 2;
        }
        indent(depth);
        out.append('<').append(name);
        for (int i = 0; i < count; i++) {
            out.append(' ').append(attributeNames[i].qualified).append("=\"");
            escape(attributeValues[i], true);
            out.append('"');
        }
        if (depth == names.length) {
            names = Arrays.copyOf(names, depth * 2);
            state = Arrays.copyOf(state, depth * 2);
        }
        names[depth] = name;
        state[depth] = 0;
        depth++;
    }

    @Override
    public void text(String text) {
        if (!text.isEmpty()) {
            content();
            escape(text, false);
        }
    }

    @Override
    public void cdata(String text) {
        content();
        out.append("<![CDATA[").append(text).append("]]>");
    }

    @Override
    public void charRef(int code) {
        content();
        out.append("&#").append(code).append(';');
    }

    @Override
    public void entityRef(String name) {
        content();
        out.append('&').append(name).append(';');
    }

    @Override
    public void processingInstruction(String target, String data) {
        if (depth == 0) {
            out.append("<?").append(target).append(' ').append(data).append("?>\n");
            return;
        }
        content();
        out.append("<?").append(target).append(' ').append(data).append("?>");
    }

    @Override
    public void endElement() {
        if (depth == 0) {
            return;
        }
        depth--;
        switch (state[depth]) {
            case 0:
                out.append("/>\n");
                break;
            case 1:
                out.append("</").append(names[depth]).append(">\n");
                break;
            default:
                indent(depth);
                out.append("</").append(names[depth]).append(">\n");
                break;
        }
    }

    private void content() {
        if (depth == 0) {
            return;
        }
        int current = depth - 1;
        if (state[current] == 0) {
            out.append('>');
            state[current] = 1;
        } else if (state[current] == 2) {
            indent(depth);
        }
    }

    private void indent(int level) {
        for (int i = 0; i < level; i++) {
            out.append("  ");
        }
    }

    /**
     * Escapes markup characters. Tab, LF and CR stay raw, as Windows and evtxexport write them
     * (Vigil's XML reader keeps a raw CR); the other control characters, which XML 1.0 does not
     * allow raw, are written as character references such as {@code &#x3;}.
     */
    private void escape(String s, boolean attribute) {
        int n = s.length();
        int i = 0;
        while (i < n && !special(s.charAt(i), attribute)) {
            i++;
        }
        if (i == n) {
            out.append(s);
            return;
        }
        int start = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (!special(c, attribute)) {
                continue;
            }
            out.append(s, start, i);
            switch (c) {
                case '&':
                    out.append("&amp;");
                    break;
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                case '"':
                    out.append("&quot;");
                    break;
                default:
                    out.append("&#x");
                    if (c >= 0x10) {
                        out.append(HEX[c >>> 4]);
                    }
                    out.append(HEX[c & 0xf]).append(';');
                    break;
            }
            start = i + 1;
        }
        out.append(s, start, n);
    }

    private static boolean special(char c, boolean attribute) {
        return c < SPECIAL.length && SPECIAL[c] && (c != '"' || attribute);
    }
}
