package io.vigil.engine.alert;

/** Receives alerts as they are raised. */
public interface AlertSink {
    void accept(Alert alert);

    /** Makes every accepted alert durable (written, flushed, acknowledged). */
    default void flush() {
    }
}
