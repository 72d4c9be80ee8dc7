package io.vigil.connectors.spi;

/**
 * Receives the records a reader could not decode. The reader skips the record and goes on with
 * the next one after calling the listener.
 */
@FunctionalInterface
public interface DecodeErrorListener {
    /**
     * Called once per bad record.
     *
     * @param source where the record came from, e.g. the file path
     * @param position where in the source, e.g. {@code line 12}
     * @param message what is wrong, without the source and position
     */
    void onError(String source, String position, String message);
}
