package io.vigil.benchmarks.evtx;

import io.vigil.connectors.event.Event;
import io.vigil.connectors.evtx.EvtxEventReader;
import io.vigil.connectors.evtx.EvtxOptions;
import io.vigil.connectors.evtx.EvtxXmlReader;
import io.vigil.connectors.normalize.EventNormalizer;
import io.vigil.connectors.spi.DecodeErrorListener;
import io.vigil.connectors.xml.WindowsXmlEventReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reading a whole .evtx file on one thread, from memory (as evtx-rs's published figures are), so
 * the numbers are the parser's and not the disk's. One operation is one file; the
 * {@link Counters} report records/s and bytes/s (MB/s = bytes/s / 10^6, file size over time).
 *
 * <ul>
 *   <li>{@code events}: every record as a normalised event, the path {@code replay} and
 *       {@code dump --format jsonl} take.</li>
 *   <li>{@code hunt}: the path {@code hunt} takes: records whose EventID shows their event could only
 *       be of type OTHER (no rule reads those) are read and counted but not built
 *       ({@link EvtxOptions#skipOther}); the rest are normalised events as in {@code events}. The
 *       {@code :records} counter counts every record read, skipped or not.</li>
 *   <li>{@code xml}: event XML text per record, as {@code vigil dump --format xml} and
 *       {@code evtxexport -f xml} make.</li>
 *   <li>{@code baseline}: Vigil's way before the native reader: the XML reader on the
 *       {@code evtxexport -f xml} output of the same file, made at setup (the conversion itself is
 *       not timed; {@code scripts/evtx-vs-evtxexport.sh} times evtxexport).</li>
 *   <li>{@code eventConstruction}: no decoding at all, only {@code Event.builder}, the field puts
 *       and {@code EventNormalizer} for the same records' fields, captured at setup: the part of
 *       {@code events} that any reader pays, whatever its format.</li>
 * </ul>
 *
 * Files come from {@code ../shared/data} (system property {@code vigil.shared.dir} to override).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class EvtxReaderBenchmark {
    private static final DecodeErrorListener IGNORE = (source, position, message) -> { };
    private static final EvtxOptions OPTIONS = EvtxOptions.defaults().warnings(IGNORE);
    private static final EvtxOptions HUNT = OPTIONS.skipOther(true);

    /** 2,261 Security records (26 chunks); 302 PowerShell 4104 script blocks (48 chunks). */
    @Param({"python-evtx/tests/data/security.evtx", "deepbluecli/evtx/Powershell-Invoke-Obfuscation-many.evtx"})
    public String file;

    private byte[] evtx;
    private byte[] xml;
    private long records;
    private List<String[]> fieldNames;
    private List<Object[]> fieldValues;

    /** Records and bytes per operation; JMH reports them per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long records;
        public long bytes;
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        Path path = sharedData().resolve(file);
        evtx = Files.readAllBytes(path);
        records = events(null, null);
        fieldNames = new ArrayList<>();
        fieldValues = new ArrayList<>();
        try (EvtxEventReader reader = new EvtxEventReader(new ByteArrayInputStream(evtx), file, IGNORE, OPTIONS)) {
            Event event;
            while ((event = reader.next()) != null) {
                List<String> names = new ArrayList<>();
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < event.fieldCount(); i++) {
                    if (!event.isDerived(i)) {
                        names.add(event.fieldName(i));
                        values.add(event.fieldValue(i));
                    }
                }
                fieldNames.add(names.toArray(new String[0]));
                fieldValues.add(values.toArray());
            }
        }
        Process p = new ProcessBuilder("evtxexport", "-f", "xml", path.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        xml = p.getInputStream().readAllBytes();
        p.waitFor();
    }

    @Benchmark
    public long events(Counters counters, Blackhole bh) throws IOException {
        long n = 0;
        try (EvtxEventReader reader = new EvtxEventReader(new ByteArrayInputStream(evtx), file, IGNORE, OPTIONS)) {
            Event event;
            while ((event = reader.next()) != null) {
                if (bh != null) {
                    bh.consume(event);
                }
                n++;
            }
        }
        count(counters, n);
        return n;
    }

    @Benchmark
    public long hunt(Counters counters, Blackhole bh) throws IOException {
        long n = 0;
        try (EvtxEventReader reader = new EvtxEventReader(new ByteArrayInputStream(evtx), file, IGNORE, HUNT)) {
            Event event;
            while ((event = reader.next()) != null) {
                bh.consume(event);
            }
            n = reader.recordsRead() + reader.recordsSkipped();
        }
        count(counters, n);
        return n;
    }

    @Benchmark
    public long xml(Counters counters, Blackhole bh) throws IOException {
        long n = 0;
        try (EvtxXmlReader reader = new EvtxXmlReader(new ByteArrayInputStream(evtx), file, IGNORE, OPTIONS)) {
            String record;
            while ((record = reader.next()) != null) {
                bh.consume(record);
                n++;
            }
        }
        count(counters, n);
        return n;
    }

    @Benchmark
    public long baseline(Counters counters, Blackhole bh) throws IOException {
        long n = 0;
        try (WindowsXmlEventReader reader = new WindowsXmlEventReader(
                new InputStreamReader(new ByteArrayInputStream(xml), StandardCharsets.UTF_8), file, IGNORE)) {
            Event event;
            while ((event = reader.next()) != null) {
                bh.consume(event);
                n++;
            }
        }
        count(counters, n);
        return n;
    }

    @Benchmark
    public long eventConstruction(Counters counters, Blackhole bh) {
        for (int r = 0; r < fieldNames.size(); r++) {
            String[] names = fieldNames.get(r);
            Object[] values = fieldValues.get(r);
            Event.Builder b = Event.builder(file, "record 1");
            for (int i = 0; i < names.length; i++) {
                if (values[i] instanceof String[]) {
                    b.putAll(names[i], Arrays.asList((String[]) values[i]));
                } else {
                    b.put(names[i], (String) values[i]);
                }
            }
            bh.consume(EventNormalizer.normalize(b));
        }
        count(counters, fieldNames.size());
        return fieldNames.size();
    }

    private void count(Counters counters, long n) {
        if (counters != null) {
            counters.records += n;
            counters.bytes += evtx.length;
        }
        if (n != records && records > 0) {
            throw new IllegalStateException("read " + n + " records of " + file + ", expected " + records);
        }
    }

    static Path sharedData() {
        String configured = System.getProperty("vigil.shared.dir");
        List<Path> candidates = configured != null ? List.of(Path.of(configured))
                : List.of(Path.of("..", "shared"), Path.of("..", "..", "shared"));
        for (Path candidate : candidates) {
            if (Files.isDirectory(candidate.resolve("data"))) {
                return candidate.resolve("data");
            }
        }
        throw new IllegalStateException("shared data not found (tried " + candidates + "); set -Dvigil.shared.dir");
    }
}
