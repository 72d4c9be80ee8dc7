package io.vigil.connectors.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.json.EventJsonWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Fuzz tests of the .evtx reader (Jazzer). In {@code mvn verify} they run once per seed in
 * {@code src/test/resources/io/vigil/connectors/evtx/EvtxFuzzTestInputs/<method>/} (regression
 * mode): slices of the MIT, Apache-2.0 and CC0 samples, and every input that once made the reader
 * fail. With {@code JAZZER_FUZZ=1} one of them fuzzes for {@code maxDuration} (see the module
 * README); a finding is written to the same folder and becomes a regression test.
 *
 * <p>The oracle: whatever the bytes, reading neither throws nor hangs (Jazzer's per-input timeout
 * in fuzzing mode; a JUnit timeout would cut the whole fuzzing run), memory stays bounded, errors name their
 * position, and every event can be written as JSON and as XML. {@code regression-*} seeds are
 * inputs that once broke the reader (see {@code EvtxEventReaderTest} for their exact outcome).
 */
class EvtxFuzzTest {
    private static final Pattern POSITION = Pattern.compile("(chunk [0-9]+ )?offset 0x[0-9a-f]+");
    private static final EvtxOptions RECOVER = EvtxOptions.defaults().recoverSlack(true).warnings((s, p, m) -> { });

    /**
     * While fuzzing, records may expand to this many operations and characters at most (the
     * readers' own limits are 64 and 16 times as high): a mutated expansion bomb then costs
     * milliseconds, not a second, and the search goes on. Regression runs keep the real limits.
     */
    private static final int FUZZING_OPS = 1 << 14;
    private static final int FUZZING_CHARS = 1 << 20;

    /** Any bytes as a whole file. */
    @FuzzTest(maxDuration = "60s")
    void fuzzFile(byte[] input) throws IOException {
        readEverything(input, fuzzing());
    }

    /** Any bytes as the first chunk (padded or cut to 64 KiB) after a valid file header. */
    @FuzzTest(maxDuration = "60s")
    void fuzzChunk(byte[] input) throws IOException {
        readEverything(asFirstChunk(input), fuzzing());
    }

    /**
     * The chunk target for Jazzer's standalone driver, for sessions longer than JUnit's
     * {@code maxDuration} (see the module README).
     */
    public static void fuzzerTestOneInput(byte[] input) throws IOException {
        readEverything(asFirstChunk(input), true);
    }

    private static byte[] asFirstChunk(byte[] input) {
        ByteBuffer file = ByteBuffer.allocate(4096 + 65536).order(ByteOrder.LITTLE_ENDIAN);
        file.put("ElfFile\0".getBytes(StandardCharsets.US_ASCII));
        file.putInt(32, 128).putShort(36, (short) 1).putShort(38, (short) 3).putShort(40, (short) 4096)
                .putShort(42, (short) 1);
        file.position(4096);
        file.put(input, 0, Math.min(input.length, 65536));
        return file.array();
    }

    /** True in a JUnit fuzzing run ({@code JAZZER_FUZZ} set), false in a regression run. */
    private static boolean fuzzing() {
        return System.getenv("JAZZER_FUZZ") != null;
    }

    private static void readEverything(byte[] file, boolean fuzzing) throws IOException {
        int ops = fuzzing ? FUZZING_OPS : Integer.MAX_VALUE;
        int chars = fuzzing ? FUZZING_CHARS : Integer.MAX_VALUE;
        long[] errors = new long[1];
        try (EvtxEventReader reader = new EvtxEventReader(new ByteArrayInputStream(file), "fuzz", (s, p, m) -> {
            assertThat(POSITION.matcher(p).matches()).as("position %s", p).isTrue();
            errors[0]++;
        }, RECOVER).limits(ops, chars)) {
            Event event;
            long events = 0;
            while ((event = reader.next()) != null) {
                events++;
                assertThat(event.position()).startsWith("record ");
                assertThat(EventJsonWriter.write(event)).isNotEmpty();
            }
            assertThat(events).isLessThanOrEqualTo(file.length / 29);
        }
        try (EvtxXmlReader reader = new EvtxXmlReader(new ByteArrayInputStream(file), "fuzz", (s, p, m) -> { },
                RECOVER).limits(ops, chars)) {
            while (reader.next() != null) {
                assertThat(reader.position()).startsWith("record ");
            }
        }
    }
}
