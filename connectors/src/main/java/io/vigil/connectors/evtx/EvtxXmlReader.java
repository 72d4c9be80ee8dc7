package io.vigil.connectors.evtx;

import static java.util.Objects.requireNonNull;

import io.vigil.connectors.spi.DecodeErrorListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders the records of an .evtx file as event XML text, one {@code <Event>} per record, laid out
 * as {@code evtxexport -f xml} lays it out. Damaged input is handled as {@link EvtxEventReader}
 * handles it. For {@code vigil dump}; the event path never makes XML text.
 */
public final class EvtxXmlReader implements AutoCloseable {
    private final InputStream in;
    private final RecordCursor cursor;
    private final BinXmlInterpreter interpreter;
    private final XmlTextHandler handler = new XmlTextHandler();
    private String position = "";

    public EvtxXmlReader(InputStream in, String source, DecodeErrorListener listener, EvtxOptions options) {
        this.in = requireNonNull(in, "in is null");
        requireNonNull(source, "source is null");
        requireNonNull(listener, "listener is null");
        requireNonNull(options, "options is null");
        ValueFormatter formatter = new ValueFormatter();
        this.interpreter = new BinXmlInterpreter(formatter);
        this.cursor = new RecordCursor(in, source, listener, options, new Chunk(formatter));
    }

    public static EvtxXmlReader open(Path file, DecodeErrorListener listener, EvtxOptions options) throws IOException {
        return new EvtxXmlReader(Files.newInputStream(file), file.toString(), listener, options);
    }

    /**
     * The XML of the next record, ending with a line break, or null at the end. A record recovered
     * from slack space is preceded by a comment saying so.
     */
    public String next() throws IOException {
        while (cursor.next()) {
            handler.begin();
            try {
                interpreter.record(cursor.chunk(), cursor.dataStart(), cursor.dataEnd(), handler, cursor.recovered());
                position = cursor.position();
                String xml = handler.finish();
                return cursor.recovered()
                        ? "<!-- " + position + " (" + cursor.recordWhere() + ") -->\n" + xml : xml;
            } catch (RuntimeException e) {
                cursor.failed(Failures.describe(e));
            }
        }
        return null;
    }

    /** The position of the record {@link #next()} returned last: {@code record N [recovered]}. */
    public String position() {
        return position;
    }

    /** Lowers the limits per record; see {@link BinXmlInterpreter#limits}. */
    EvtxXmlReader limits(int ops, int chars) {
        interpreter.limits(ops, chars);
        return this;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
