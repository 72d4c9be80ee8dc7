package io.vigil.connectors.evtx;

import static java.util.Objects.requireNonNull;

import io.vigil.connectors.event.Event;
import io.vigil.connectors.spi.DecodeErrorListener;
import io.vigil.connectors.spi.EventSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the binary Windows event log format (.evtx, versions 3.1 and 3.2) into normalised
 * events, built directly from the records' binary XML without XML text in between. The events are
 * the ones the XML reader makes from the same records' event XML.
 *
 * <p>The file is read as a stream, one 64 KiB chunk at a time, so memory does not grow with the
 * file. Damaged files are read as far as they can be: a record or chunk that cannot be decoded is
 * reported to the {@link DecodeErrorListener} with the position {@code chunk C offset 0x...} (file
 * offset) and reading goes on; oddities that lose nothing go to {@link EvtxOptions#warnings()}.
 * Events carry the position {@code record N} (the record identifier), or
 * {@code record N recovered} for records recovered from slack space.
 *
 * <p>Not thread-safe: one thread pulls from a reader.
 */
public final class EvtxEventReader implements EventSource {
    private final InputStream in;
    private final String source;
    private final RecordCursor cursor;
    private final BinXmlInterpreter interpreter;
    private final EventHandler handler = new EventHandler();
    private long recordsRead;

    public EvtxEventReader(InputStream in, String source, DecodeErrorListener listener, EvtxOptions options) {
        this.in = requireNonNull(in, "in is null");
        this.source = requireNonNull(source, "source is null");
        requireNonNull(listener, "listener is null");
        requireNonNull(options, "options is null");
        ValueFormatter formatter = new ValueFormatter();
        this.interpreter = new BinXmlInterpreter(formatter);
        this.cursor = new RecordCursor(in, source, listener, options, new Chunk(formatter));
    }

    /** Opens a file; the source name of its events is the path as given. */
    public static EvtxEventReader open(Path file, DecodeErrorListener listener, EvtxOptions options)
            throws IOException {
        return new EvtxEventReader(Files.newInputStream(file), file.toString(), listener, options);
    }

    @Override
    public Event next() throws IOException {
        while (cursor.next()) {
            handler.begin(source, cursor.position());
            try {
                interpreter.record(cursor.chunk(), cursor.dataStart(), cursor.dataEnd(), handler, cursor.recovered());
                Event event = handler.finish(cursor.recovered());
                recordsRead++;
                return event;
            } catch (RuntimeException e) {
                // one bad record never loses the file: report it and go on with the next one
                cursor.failed(Failures.describe(e));
            }
        }
        return null;
    }

    @Override
    public long recordsRead() {
        return recordsRead;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
