package io.vigil.connectors.xml;

import static java.util.Objects.requireNonNull;

import io.vigil.connectors.event.Event;
import io.vigil.connectors.internal.TextInput;
import io.vigil.connectors.spi.DecodeErrorListener;
import io.vigil.connectors.spi.EventSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;

/**
 * Reads Windows event XML one {@code <Event>} at a time, in constant memory: Event Viewer and
 * {@code wevtutil qe /f:xml} exports ({@code <Events>} root or bare concatenated records), Splunk
 * XmlWinEventLog, and libevtx {@code evtxexport -f xml} output (banner line, blank lines and any
 * junk between records are skipped).
 *
 * <p>Each record is cut out of the text first and then parsed on its own (see
 * {@link XmlRecordSplitter} and {@link XmlEventParser}), so a malformed record is reported to the
 * {@link DecodeErrorListener} with the line its {@code <Event} starts on, and reading goes on with
 * the next record. Raw CR in values is kept; control characters XML 1.0 forbids are kept too.
 */
public final class WindowsXmlEventReader implements EventSource {
    /** The longest record accepted, in characters. */
    public static final int DEFAULT_MAX_RECORD_CHARS = 16 << 20;

    private final Reader in;
    private final String source;
    private final DecodeErrorListener listener;
    private final XmlRecordSplitter splitter;
    private final XmlEventParser parser = new XmlEventParser();
    private long recordsRead;

    /** Reads a byte stream; the encoding is taken from its byte-order mark, UTF-8 by default. */
    public WindowsXmlEventReader(InputStream in, String source, DecodeErrorListener listener) throws IOException {
        this(TextInput.reader(requireNonNull(in, "in is null")), source, listener);
    }

    public WindowsXmlEventReader(Reader in, String source, DecodeErrorListener listener) {
        this(in, source, listener, DEFAULT_MAX_RECORD_CHARS);
    }

    WindowsXmlEventReader(Reader in, String source, DecodeErrorListener listener, int maxRecordChars) {
        this.in = requireNonNull(in, "in is null");
        this.source = requireNonNull(source, "source is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.splitter = new XmlRecordSplitter(in, maxRecordChars,
                (line, message) -> listener.onError(source, position(line), message));
    }

    /** Opens a file; the source name of its events is the path as given. */
    public static WindowsXmlEventReader open(Path file, DecodeErrorListener listener) throws IOException {
        return new WindowsXmlEventReader(Files.newInputStream(file), file.toString(), listener);
    }

    @Override
    public Event next() throws IOException {
        while (true) {
            XmlRecordSplitter.Chunk chunk = splitter.next();
            if (chunk == null) {
                return null;
            }
            String position = position(chunk.line());
            try {
                Event event = parser.parse(chunk.text(), source, position);
                recordsRead++;
                return event;
            } catch (XMLStreamException | RuntimeException e) {
                // one bad record never loses the file: report it and go on with the next one
                listener.onError(source, position, describe(e, chunk.line()));
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

    /** The parser's message without its own location header, with the line in the file. */
    private static String describe(Exception e, long recordLine) {
        String message = String.valueOf(e.getMessage());
        int at = message.indexOf("Message: ");
        if (at >= 0) {
            message = message.substring(at + "Message: ".length());
        }
        message = message.strip();
        if (e instanceof XMLStreamException) {
            Location location = ((XMLStreamException) e).getLocation();
            if (location != null && location.getLineNumber() > 0) {
                long line = recordLine + location.getLineNumber() - 1;
                return "malformed XML at line " + line + ", column " + location.getColumnNumber() + ": " + message;
            }
        }
        return "malformed event: " + message;
    }
}
