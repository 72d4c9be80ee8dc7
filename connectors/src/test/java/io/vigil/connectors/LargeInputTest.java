package io.vigil.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.EventType;
import io.vigil.connectors.spi.EventSource;
import io.vigil.connectors.testing.SharedData;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Streams far more text than the test heap ({@code -Xmx1g}) through the readers: they must hold
 * one record at a time. Nothing is timed.
 */
class LargeInputTest {
    private static final int RECORDS = 200_000;
    /** Padding so that the input is larger than the heap: 200k records of about 6 KB. */
    private static final String PADDING = "x".repeat(5_500);

    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "large-input-writer"));

    @AfterEach
    void stopWriter() {
        writer.shutdownNow();
    }

    @Test
    void readsXmlLargerThanTheHeap() throws Exception {
        long events = readAll(i -> (i == 0 ? "evtxexport 20181227\n\n" : "")
                + "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
                + "<Provider Name='Microsoft-Windows-Sysmon'/><EventID>1</EventID><EventRecordID>" + i
                + "</EventRecordID><Channel>Microsoft-Windows-Sysmon/Operational</Channel></System><EventData>"
                + "<Data Name='Image'>C:\\Windows\\System32\\net.exe</Data><Data Name='CommandLine'>net view " + PADDING
                + "</Data></EventData></Event>\n\n");

        assertThat(events).isEqualTo(RECORDS);
    }

    @Test
    void readsJsonLinesLargerThanTheHeap() throws Exception {
        long events = readAll(i -> "{\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"EventID\":1,\"EventRecordID\":" + i
                + ",\"Image\":\"C:\\\\Windows\\\\System32\\\\net.exe\",\"CommandLine\":\"net view " + PADDING + "\"}\n");

        assertThat(events).isEqualTo(RECORDS);
    }

    private long readAll(LongFunction<String> record) throws Exception {
        PipedInputStream in = new PipedInputStream(1 << 16);
        PipedOutputStream out = new PipedOutputStream(in);
        Future<?> written = writer.submit(() -> write(out, record));
        SharedData.Errors errors = new SharedData.Errors();
        long count = 0;
        long lastRecordId = -1;
        try (EventSource source = EventReaders.open(in, "pipe", errors)) {
            Event event;
            while ((event = source.next()) != null) {
                assertThat(event.type()).isEqualTo(EventType.SYSMON_1);
                assertThat(event.recordId()).isEqualTo(lastRecordId + 1);
                lastRecordId = event.recordId();
                count++;
            }
            assertThat(source.recordsRead()).isEqualTo(count);
        }
        written.get();
        assertThat(errors.list()).isEmpty();
        return count;
    }

    private static void write(OutputStream out, LongFunction<String> record) {
        try (out) {
            for (long i = 0; i < RECORDS; i++) {
                out.write(record.apply(i).getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
