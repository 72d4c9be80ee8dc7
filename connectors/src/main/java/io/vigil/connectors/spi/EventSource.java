package io.vigil.connectors.spi;

import io.vigil.connectors.event.Event;
import java.io.IOException;

/**
 * A pull-based stream of normalised events from one source (a file, standard input, a socket).
 * Records that cannot be decoded are reported to the {@link DecodeErrorListener} the source was
 * opened with and skipped; {@link #next()} only throws when the source itself cannot be read.
 *
 * <p>Not thread-safe: one thread pulls from a source.
 */
public interface EventSource extends AutoCloseable {
    /** The next event, or null at the end of the source. */
    Event next() throws IOException;

    /** The number of events {@link #next()} has returned so far (records reported as bad are not counted). */
    long recordsRead();

    /**
     * Records read but not returned because their events could only be of type
     * {@link io.vigil.connectors.event.EventType#OTHER} (readers asked to skip those; 0 for the rest).
     */
    default long recordsSkipped() {
        return 0;
    }

    @Override
    void close() throws IOException;
}
