package io.vigil.engine.kafka;

/** The {@link RecordHandler} failed, and the {@link DetectionLoop} stopped. */
public final class DetectionLoopException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DetectionLoopException(String message, Throwable cause) {
        super(message, cause);
    }
}
