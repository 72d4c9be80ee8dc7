package io.vigil.connectors;

import static java.util.Objects.requireNonNull;

import io.vigil.connectors.evtx.EvtxEventReader;
import io.vigil.connectors.evtx.EvtxOptions;
import io.vigil.connectors.internal.TextInput;
import io.vigil.connectors.json.JsonLinesEventReader;
import io.vigil.connectors.spi.DecodeErrorListener;
import io.vigil.connectors.spi.EventSource;
import io.vigil.connectors.xml.WindowsXmlEventReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Opens event files whatever their format, which is told from the content, not the name:
 * XML (Event Viewer, wevtutil, XmlWinEventLog, {@code evtxexport -f xml}) or JSON (JSON lines,
 * one document, Winlogbeat, NXLog, evtx_dump) or binary .evtx ({@link EvtxEventReader}).
 */
public final class EventReaders {
    /** File name endings {@link #listFiles} picks up in folders. */
    public static final List<String> EXTENSIONS = List.of(".xml", ".json", ".jsonl", ".ndjson", ".log", ".txt", ".evtx");

    /** The format of an input. */
    public enum Format {
        XML, JSON, EVTX
    }

    private static final int SNIFF_BYTES = 64 * 1024;
    private static final byte[] EVTX_MAGIC = {'E', 'l', 'f', 'F', 'i', 'l', 'e', 0};
    private static final byte[] EVTX_CHUNK_MAGIC = {'E', 'l', 'f', 'C', 'h', 'n', 'k', 0};
    /** Where the first chunk of an .evtx file starts, after the 4 KiB file header. */
    private static final int EVTX_FIRST_CHUNK = 4096;

    private EventReaders() {
    }

    /**
     * Opens a file as an event source.
     *
     * @throws DecodeException when the format is not recognised
     */
    public static EventSource open(Path file, DecodeErrorListener listener) throws IOException, DecodeException {
        return open(file, listener, false);
    }

    /**
     * Opens a file as an event source; with {@code skipOther}, an .evtx reader skips the records
     * whose events could only be of type OTHER (see {@link EvtxOptions#skipOther()}), the other
     * readers return every event.
     *
     * @throws DecodeException when the format is not recognised
     */
    public static EventSource open(Path file, DecodeErrorListener listener, boolean skipOther)
            throws IOException, DecodeException {
        requireNonNull(file, "file is null");
        InputStream in = Files.newInputStream(file);
        try {
            return open(in, file.toString(), listener, skipOther);
        } catch (IOException | DecodeException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Opens a byte stream (a pipe, standard input) as an event source named {@code source}. */
    public static EventSource open(InputStream in, String source, DecodeErrorListener listener)
            throws IOException, DecodeException {
        return open(in, source, listener, false);
    }

    private static EventSource open(InputStream in, String source, DecodeErrorListener listener, boolean skipOther)
            throws IOException, DecodeException {
        requireNonNull(in, "in is null");
        requireNonNull(source, "source is null");
        requireNonNull(listener, "listener is null");
        BufferedInputStream buffered = new BufferedInputStream(in, SNIFF_BYTES);
        Format format = detect(buffered, source);
        return switch (format) {
            case XML -> new WindowsXmlEventReader(buffered, source, listener);
            case JSON -> new JsonLinesEventReader(buffered, source, listener);
            case EVTX -> new EvtxEventReader(buffered, source, listener, EvtxOptions.defaults().skipOther(skipOther));
        };
    }

    /**
     * Tells the format from the first bytes of a stream, which must support mark/reset; the
     * stream is left at its start. Binary .evtx is recognised by its file signature, by a chunk
     * signature where the first chunk starts (a file whose header was overwritten), or by a
     * source name ending in {@code .evtx} when the bytes are not event XML or JSON (the .evtx
     * reader then reports the missing signature and looks for chunks). Other binary data is
     * refused rather than read as text.
     */
    public static Format detect(InputStream in, String source) throws IOException, DecodeException {
        in.mark(SNIFF_BYTES);
        byte[] head = in.readNBytes(SNIFF_BYTES);
        in.reset();
        if (startsWith(head, 0, EVTX_MAGIC) || startsWith(head, EVTX_FIRST_CHUNK, EVTX_CHUNK_MAGIC)) {
            return Format.EVTX;
        }
        int bom = TextInput.bomLength(head, head.length);
        String text = new String(head, bom, head.length - bom, TextInput.charset(head, head.length)).strip();
        if (text.startsWith("<") || text.startsWith("evtxexport")) {
            return Format.XML;
        }
        if (text.startsWith("{") || text.startsWith("[") || text.startsWith("Record ")) {
            return Format.JSON;
        }
        if (source.toLowerCase(Locale.ROOT).endsWith(".evtx") && !text.isEmpty()) {
            return Format.EVTX;
        }
        if (text.contains("<Event")) {
            return Format.XML;
        }
        if (text.indexOf('\0') >= 0) {
            throw new DecodeException(source, "offset 0x0", "binary data, not an event file: no .evtx signature"
                    + " (ElfFile at offset 0x0 or ElfChnk at 0x1000), and a NUL byte in the first "
                    + head.length + " bytes");
        }
        if (text.contains("{")) {
            return Format.JSON;
        }
        throw new DecodeException(source, "", text.isEmpty()
                ? "the input is empty" : "not a Windows event XML or JSON input");
    }

    /**
     * The event files under the given paths: a file is taken as given, a folder is walked
     * depth-first in name order, skipping hidden entries and names without a known ending
     * ({@link #EXTENSIONS}, any case).
     */
    public static List<Path> listFiles(Path... paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                walk(path, files);
            } else {
                files.add(path);
            }
        }
        return files;
    }

    private static void walk(Path folder, List<Path> files) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            for (Path entry : stream) {
                entries.add(entry);
            }
        }
        entries.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            if (Files.isDirectory(entry)) {
                walk(entry, files);
            } else if (Files.isRegularFile(entry) && hasKnownExtension(name)) {
                files.add(entry);
            }
        }
    }

    private static boolean hasKnownExtension(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String extension : EXTENSIONS) {
            if (lower.endsWith(extension)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        return bytes.length >= offset + prefix.length
                && Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
    }
}
