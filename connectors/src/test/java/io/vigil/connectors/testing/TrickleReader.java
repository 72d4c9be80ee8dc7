package io.vigil.connectors.testing;

import java.io.Reader;
import java.util.Random;

/** A reader that hands out its text a few characters at a time, to test buffer boundaries. */
public final class TrickleReader extends Reader {
    private final String text;
    private final Random random;
    private final int maxStep;
    private int pos;

    public TrickleReader(String text, long seed, int maxStep) {
        this.text = text;
        this.random = new Random(seed);
        this.maxStep = maxStep;
    }

    @Override
    public int read(char[] buffer, int off, int len) {
        if (pos == text.length()) {
            return -1;
        }
        int n = Math.min(Math.min(len, 1 + random.nextInt(maxStep)), text.length() - pos);
        text.getChars(pos, pos + n, buffer, off);
        pos += n;
        return n;
    }

    @Override
    public void close() {
    }
}
