package io.vigil.connectors.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns event files into text. The encoding comes from a byte-order mark, or from the zero bytes
 * of BOM-less UTF-16 (PowerShell's {@code >} writes UTF-16LE), and is UTF-8 otherwise. Malformed
 * input becomes U+FFFD; the platform's default charset is never used.
 */
public final class TextInput {
    private static final int SNIFF = 4;

    private TextInput() {
    }

    /**
     * Opens a reader over a byte stream, skipping any byte-order mark. The returned reader is not
     * buffered beyond the decoder's own buffer; callers read it in blocks.
     */
    public static Reader reader(InputStream in) throws IOException {
        BufferedInputStream buffered = in instanceof BufferedInputStream
                ? (BufferedInputStream) in : new BufferedInputStream(in, 1 << 16);
        buffered.mark(SNIFF);
        byte[] head = new byte[SNIFF];
        int n = buffered.readNBytes(head, 0, SNIFF);
        buffered.reset();
        Charset charset = charset(head, n);
        buffered.skip(bomLength(head, n));
        return new InputStreamReader(buffered, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    /** The encoding of a text that starts with these bytes. */
    public static Charset charset(byte[] head, int n) {
        int b0 = n > 0 ? head[0] & 0xff : -1;
        int b1 = n > 1 ? head[1] & 0xff : -1;
        if (b0 == 0xff && b1 == 0xfe) {
            return StandardCharsets.UTF_16LE;
        }
        if (b0 == 0xfe && b1 == 0xff) {
            return StandardCharsets.UTF_16BE;
        }
        if (b0 > 0 && b1 == 0) {
            return StandardCharsets.UTF_16LE;
        }
        if (b0 == 0 && b1 > 0) {
            return StandardCharsets.UTF_16BE;
        }
        return StandardCharsets.UTF_8;
    }

    /** The length in bytes of the byte-order mark these bytes start with, or 0. */
    public static int bomLength(byte[] head, int n) {
        if (n >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf) {
            return 3;
        }
        if (n >= 2 && ((head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe
                || (head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff)) {
            return 2;
        }
        return 0;
    }
}
