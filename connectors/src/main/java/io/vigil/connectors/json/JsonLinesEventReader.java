package io.vigil.connectors.json;

import static java.util.Objects.requireNonNull;

import io.vigil.connectors.DecodeException;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.internal.TextInput;
import io.vigil.connectors.spi.DecodeErrorListener;
import io.vigil.connectors.spi.EventSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads JSON event files in bounded memory: JSON lines (one record per line), a single document
 * holding one object or an array of objects (streamed element by element), concatenated
 * pretty-printed objects, and evtx_dump's {@code Record N} text output. Every record is decoded
 * by {@link JsonEventDecoder}, so each may have its own shape.
 *
 * <p>A record that is malformed, not an object, or longer than the limit is reported to the
 * {@link DecodeErrorListener} with the line it starts on ({@code line 12}) and skipped.
 */
public final class JsonLinesEventReader implements EventSource {
    /** The longest record accepted, in characters. */
    public static final int DEFAULT_MAX_RECORD_CHARS = 16 << 20;

    private final Reader in;
    private final String source;
    private final DecodeErrorListener listener;
    private final JsonRecordSplitter splitter;
    private long recordsRead;

    /** Reads a byte stream; the encoding is taken from its byte-order mark, UTF-8 by default. */
    public JsonLinesEventReader(InputStream in, String source, DecodeErrorListener listener) throws IOException {
        this(TextInput.reader(requireNonNull(in, "in is null")), source, listener);
    }

    public JsonLinesEventReader(Reader in, String source, DecodeErrorListener listener) {
        this(in, source, listener, DEFAULT_MAX_RECORD_CHARS);
    }

    JsonLinesEventReader(Reader in, String source, DecodeErrorListener listener, int maxRecordChars) {
        this.in = requireNonNull(in, "in is null");
        this.source = requireNonNull(source, "source is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.splitter = new JsonRecordSplitter(in, maxRecordChars,
                (line, message) -> listener.onError(source, position(line), message));
    }

    /** Opens a file; the source name of its events is the path as given. */
    public static JsonLinesEventReader open(Path file, DecodeErrorListener listener) throws IOException {
        return new JsonLinesEventReader(Files.newInputStream(file), file.toString(), listener);
    }

    @Override
    public Event next() throws IOException {
        while (true) {
            JsonRecordSplitter.Chunk chunk = splitter.next();
            if (chunk == null) {
                return null;
            }
            String position = position(chunk.line());
            try {
                Event event = JsonEventDecoder.decode(chunk.text(), source, position);
                recordsRead++;
                return event;
            } catch (DecodeException e) {
                listener.onError(source, position, e.reason());
            }
        }
    }

    @Override
    public long recordsRead() {
        return recordsRead;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private static String position(long line) {
        return "line " + line;
    }
}
