package io.vigil.connectors.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.EventType;
import io.vigil.connectors.evtx.EvtxBuilder.Tokens;
import io.vigil.connectors.evtx.EvtxBuilder.Value;
import io.vigil.connectors.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The reader on small files built token by token (see {@link EvtxBuilder}). */
class EvtxEventReaderTest {
    /** 2019-07-19T14:48:41.0506612Z as FILETIME ticks (100 ns since 1601). */
    private static final long TICKS = (java.time.Instant.parse("2019-07-19T14:48:41.0506612Z").getEpochSecond()
            + 11_644_473_600L) * 10_000_000L + 506_612L;
    /** Where the first record's inline template definition lands: 512 + 24 + 4 + 10. */
    static final int FIRST_DEFINITION = 0x226;
    static final int SYSTEM_TEMPLATE = 0x11223344;

    private final SharedData.Errors errors = new SharedData.Errors();
    private final List<String> warnings = new ArrayList<>();

    /** The System part of an event; values 0-7, EventData content from the consumer. */
    static void event(Tokens t, Consumer<Tokens> eventData) {
        t.start("Event", true).attribute("xmlns", false).text("http://schemas.microsoft.com/win/2004/08/events/event")
                .closeStart()
                .start("System", false).closeStart()
                .start("Provider", true).attribute("Name", false).substitution(0, BinXml.TYPE_STRING, false)
                .closeEmpty()
                .start("EventID", false).closeStart().substitution(1, BinXml.TYPE_UINT16, false).end()
                .start("TimeCreated", true).attribute("SystemTime", false)
                .substitution(2, BinXml.TYPE_FILETIME, false).closeEmpty()
                .start("EventRecordID", false).closeStart().substitution(3, BinXml.TYPE_UINT64, false).end()
                .start("Correlation", true).attribute("ActivityID", false).substitution(6, BinXml.TYPE_GUID, true)
                .closeEmpty()
                .start("Channel", false).closeStart().substitution(4, BinXml.TYPE_STRING, false).end()
                .start("Computer", false).closeStart().substitution(5, BinXml.TYPE_STRING, false).end()
                .start("Security", true).attribute("UserID", false).substitution(7, BinXml.TYPE_SID, true)
                .closeEmpty()
                .end()
                .start("EventData", false).closeStart();
        eventData.accept(t);
        t.end().end();
    }

    static Value[] values(int eventId, long recordId, Value... data) {
        List<Value> v = new ArrayList<>(List.of(Value.string("Microsoft-Windows-Sysmon"),
                Value.of(BinXml.TYPE_UINT16, eventId & 0xff, eventId >>> 8), Value.u64(BinXml.TYPE_FILETIME, TICKS),
                Value.u64(BinXml.TYPE_UINT64, recordId), Value.string("Microsoft-Windows-Sysmon/Operational"),
                Value.string("HOST1"), Value.nul(), Value.of(BinXml.TYPE_SID, 1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0)));
        v.addAll(Arrays.asList(data));
        return v.toArray(new Value[0]);
    }

    static Consumer<Tokens> data(String name, int index, int type) {
        return t -> t.start("Data", true).attribute("Name", false).text(name).closeStart()
                .substitution(index, type, false).end();
    }

    private List<Event> read(byte[] file, EvtxOptions options) throws IOException {
        return SharedData.readAll(new EvtxEventReader(new ByteArrayInputStream(file), "test.evtx", errors,
                options.warnings((s, p, m) -> warnings.add(p + ": " + m))));
    }

    private List<Event> read(byte[] file) throws IOException {
        return read(file, EvtxOptions.defaults());
    }

    @Test
    void buildsNormalisedEventsFromTemplates() throws Exception {
        byte[] file = new EvtxBuilder().record(7, t -> {
            t.fragment();
            t.template(SYSTEM_TEMPLATE, -1, b -> event(b, d -> {
                data("Image", 8, BinXml.TYPE_STRING).accept(d);
                data("CommandLine", 9, BinXml.TYPE_STRING).accept(d);
                data("User", 10, BinXml.TYPE_STRING).accept(d);
            }), values(1, 7, Value.string("C:\\Windows\\System32\\NETSTAT.EXE"), Value.string("netstat -ano\0"),
                    Value.string("NT AUTHORITY\\SYSTEM")));
            t.eof();
        }).build();

        List<Event> events = read(file);

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.SYSMON_1);
            assertThat(e.position()).isEqualTo("record 7");
            assertThat(e.source()).isEqualTo("test.evtx");
            assertThat(e.get("TimeCreated")).isEqualTo("2019-07-19T14:48:41.0506612Z");
            assertThat(e.recordId()).isEqualTo(7);
            assertThat(e.computer()).isEqualTo("HOST1");
            assertThat(e.get("UserID")).isEqualTo("S-1-5-18");
            assertThat(e.get("CommandLine")).as("up to the NUL").isEqualTo("netstat -ano");
            assertThat(e.get("UserSid")).as("derived by the normaliser").isEqualTo("S-1-5-18");
            assertThat(e.has("ActivityID")).as("optional NULL attribute left out").isFalse();
        });
        assertThat(errors.list()).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void leavesOutElementsWhoseOptionalValueIsNullAndRepeatsElementsOfArrays() throws Exception {
        byte[] file = new EvtxBuilder().record(1, t -> {
            t.fragment();
            t.template(SYSTEM_TEMPLATE, -1, b -> event(b, d -> {
                d.start("Data", true).attribute("Name", false).text("Gone").closeStart().substitution(8, 1, true).end();
                d.start("Data", true).attribute("Name", false).text("Empty").closeStart().substitution(9, 1, false)
                        .end();
                d.start("Data", false).closeStart().substitution(10, 0x81, false).end();
            }), values(4104, 1, Value.nul(), Value.nul(),
                    Value.raw(0x81, "first\0second\0".getBytes(java.nio.charset.StandardCharsets.UTF_16LE))));
            t.eof();
        }).build();

        Event e = read(file).get(0);

        assertThat(e.has("Gone")).isFalse();
        assertThat(e.get("Empty")).isEqualTo("");
        assertThat(e.getAll("Data")).containsExactly("first", "second");
    }

    @Test
    void readsNestedBinXmlCharacterAndEntityReferencesCdataAndProcessingInstructions() throws Exception {
        byte[] file = new EvtxBuilder().record(1, t -> {
            t.fragment();
            t.template(SYSTEM_TEMPLATE, -1, b -> event(b, d -> d.substitution(8, BinXml.TYPE_BINXML, false)),
                    values(80, 1, Value.binXml(x -> x.start("Data", true).attribute("Name", false).text("Url")
                            .closeStart().text("a").charRef(38).entityRef("lt").cdata("b>c").pi("target", "data")
                            .end().start("Data", true).attribute("Name", false).text("Nested").closeStart()
                            .start("Inner", false).closeStart().text("x").end().text("y").end())));
            t.eof();
        }).build();

        Event e = read(file).get(0);

        assertThat(e.get("Url")).isEqualTo("a&<b>c");
        assertThat(e.get("Nested")).as("nested markup adds its text").isEqualTo("xy");
        assertThat(errors.list()).isEmpty();
    }

    @Test
    void reportsARecordNestedTooDeeplyAndReadsTheNextOne() throws Exception {
        Consumer<Tokens> bomb = nest(12);
        byte[] file = new EvtxBuilder().record(1, t -> {
            t.fragment();
            t.template(SYSTEM_TEMPLATE, -1, b -> event(b, d -> d.substitution(8, BinXml.TYPE_BINXML, false)),
                    values(1, 1, Value.binXml(bomb)));
            t.eof();
        }).record(2, t -> {
            t.fragment();
            t.template(SYSTEM_TEMPLATE, FIRST_DEFINITION, null, values(1, 2, Value.nul()));
            t.eof();
        }).build();

        List<Event> events = read(file);

        assertThat(events).extracting(Event::recordId).containsExactly(2L);
        assertThat(errors.list()).singleElement().asString()
                .startsWith("test.evtx|chunk 0 offset 0x1200|record 1: binary XML nested deeper than 8");
    }

    @Test
    void stopsRecordsThatExpandWithoutBoundAndReadsOn() throws Exception {
        // a template that uses its value 2,000 times, with a 10,000-character value: 20 M characters
        Consumer<Tokens> manyUses = b -> {
            b.start("Event", false).closeStart();
            for (int i = 0; i < 2000; i++) {
                b.substitution(0, BinXml.TYPE_STRING, false);
            }
            b.end();
        };
        // BinXml values that hold 40 instances of a template that holds its value 40 times: 40^6 runs
        Consumer<Tokens> fanOut = fan(5);
        byte[] file = new EvtxBuilder().record(1, t -> {
            t.fragment();
            t.template(0x51, -1, manyUses, Value.string("x".repeat(10_000)));
            t.eof();
        }).record(2, t -> {
            t.fragment();
            t.template(0x52, -1, b -> b.start("Event", false).closeStart().substitution(0, 0x21, false).end(),
                    Value.binXml(fanOut));
            t.eof();
        }).record(3, t -> {
            t.fragment();
            t.template(SYSTEM_TEMPLATE, -1, b -> event(b, data("Image", 8, 1)), values(1, 3, Value.string("x")));
            t.eof();
        }).build();

        long started = System.nanoTime();
        List<Event> events = read(file);

        assertThat(events).extracting(Event::recordId).containsExactly(3L);
        assertThat(errors.list()).hasSize(2);
        assertThat(errors.list().get(0))
                .isEqualTo("test.evtx|chunk 0 offset 0x1200|record 1: the record expands to more than 16777216 characters");
        assertThat(errors.list().get(1)).matches("test\\.evtx\\|chunk 0 offset 0x[0-9a-f]+\\|record 2: the record"
                + " expands to more than 1048576 operations");
        assertThat(System.nanoTime() - started).as("ns").isLessThan(5_000_000_000L);
    }

    /** A BinXml value: {@code level} nested template instances, each using its BinXml value 40 times. */
    private static Consumer<Tokens> fan(int level) {
        return t -> {
            if (level == 0) {
                t.start("Leaf", false).closeEmpty();
                return;
            }
            t.template(0x200 + level, -1, b -> {
                b.start("Level", false).closeStart();
                for (int i = 0; i < 40; i++) {
                    b.substitution(0, 0x21, false);
                }
                b.end();
            }, Value.binXml(fan(level - 1)));
        };
    }

    /** A BinXml value holding a template instance whose value is again BinXml, {@code depth} times. */
    private static Consumer<Tokens> nest(int depth) {
        return t -> {
            if (depth == 0) {
                t.start("Leaf", false).closeEmpty();
                return;
            }
            t.template(0x100 + depth, -1, b -> b.start("Level", false).closeStart().substitution(0, 0x21, false).end(),
                    Value.binXml(nest(depth - 1)));
        };
    }

    @Test
    void recoversDeletedRecordsFromSlackOnlyWhenAsked() throws Exception {
        byte[] file = new EvtxBuilder().record(1, t -> {
            t.fragment();
            t.template(SYSTEM_TEMPLATE, -1, b -> event(b, data("Image", 8, 1)),
                    values(1, 1, Value.string("C:\\a.exe")));
            t.eof();
        }).record(9, t -> {
            t.fragment();
            t.template(SYSTEM_TEMPLATE, FIRST_DEFINITION, null, values(1, 9, Value.string("C:\\b.exe")));
            t.eof();
        }).build();
        // record 9 is deleted: the chunk's free space now starts right after record 1
        int chunk = 4096;
        int end = 512 + readInt(file, chunk + 512 + 4);
        writeInt(file, chunk + 48, end);
        writeLong(file, chunk + 16, 1);
        writeLong(file, chunk + 32, 1);
        writeInt(file, chunk + 44, 512);
        fixChunkChecksums(file, chunk, end);

        assertThat(read(file)).extracting(Event::recordId).containsExactly(1L);
        List<Event> all = read(file, EvtxOptions.defaults().recoverSlack(true));

        assertThat(all).extracting(Event::position).containsExactly("record 1", "record 9 recovered");
        assertThat(all.get(1).get("Image")).isEqualTo("C:\\b.exe");
        assertThat(all.get(1).get(EvtxOptions.RECOVERED_FIELD)).isEqualTo("true");
        assertThat(all.get(0).has(EvtxOptions.RECOVERED_FIELD)).isFalse();
        assertThat(errors.list()).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void warnsOfChecksumMismatchesAndStillReads() throws Exception {
        byte[] file = new EvtxBuilder().record(1, t -> {
            t.fragment();
            t.template(SYSTEM_TEMPLATE, -1, b -> event(b, data("Image", 8, 1)), values(1, 1, Value.string("x")));
            t.eof();
        }).build();
        file[4096 + 124] ^= 1;
        file[4096 + 52] ^= 1;

        assertThat(read(file)).hasSize(1);
        assertThat(errors.list()).isEmpty();
        assertThat(warnings).hasSize(2).allSatisfy(w -> assertThat(w).startsWith("chunk 0 offset 0x1000: "))
                .anyMatch(w -> w.contains("chunk header checksum mismatch"))
                .anyMatch(w -> w.contains("event records checksum mismatch"));
    }

    @Test
    void readsChunksPastTheDeclaredCountAndReportsDeclaredChunksThatAreMissing() throws Exception {
        EvtxBuilder builder = new EvtxBuilder();
        for (int chunk = 0; chunk < 3; chunk++) {
            long id = chunk + 1;
            builder.chunk().record(id, t -> {
                t.fragment();
                t.template(SYSTEM_TEMPLATE, -1, b -> event(b, data("Image", 8, 1)), values(1, id, Value.string("x")));
                t.eof();
            });
        }
        byte[] file = builder.build();
        byte[] fewer = file.clone();
        fewer[42] = 1;
        fixHeaderChecksum(fewer);

        assertThat(read(fewer)).extracting(Event::recordId).containsExactly(1L, 2L, 3L);
        assertThat(errors.list()).isEmpty();
        assertThat(warnings).containsExactly("chunk 1 offset 0x11000: the file header declares 1 chunk, but more follow;"
                + " reading them");

        byte[] more = java.util.Arrays.copyOf(file, file.length + 65536);
        more[42] = 5;
        fixHeaderChecksum(more);
        warnings.clear();

        assertThat(read(more)).hasSize(3);
        assertThat(errors.list()).containsExactly(
                "test.evtx|chunk 3 offset 0x31000|zero-filled block where the header declares a chunk",
                "test.evtx|chunk 4 offset 0x41000|missing: the file ends here, but its header declares 5 chunks");
        assertThat(warnings).isEmpty();
    }

    private static void fixHeaderChecksum(byte[] file) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(file, 0, 120);
        writeInt(file, 124, (int) crc.getValue());
    }

    @Test
    void survivesEmptyShortAndGarbageInput() throws Exception {
        byte[] valid = new EvtxBuilder().record(1, t -> {
            t.fragment();
            t.template(SYSTEM_TEMPLATE, -1, b -> event(b, data("Image", 8, 1)), values(1, 1, Value.string("x")));
            t.eof();
        }).build();
        java.util.Random random = new java.util.Random(42);
        List<byte[]> inputs = new ArrayList<>(List.of(new byte[0], Arrays.copyOf(valid, 100),
                Arrays.copyOf(valid, 4096), Arrays.copyOf(valid, 4096 + 600)));
        for (int i = 0; i < 200; i++) {
            byte[] damaged = valid.clone();
            for (int k = 0; k < 1 + random.nextInt(20); k++) {
                damaged[4096 + random.nextInt(2048)] = (byte) random.nextInt(256);
            }
            inputs.add(damaged);
        }
        for (byte[] input : inputs) {
            read(input);
        }
        assertThat(errors.list()).isNotEmpty().allSatisfy(e -> assertThat(e).startsWith("test.evtx|"));
    }

    private static int readInt(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    private static void writeInt(byte[] b, int off, int v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    private static void fixChunkChecksums(byte[] file, int chunk, int free) {
        java.util.zip.CRC32 data = new java.util.zip.CRC32();
        data.update(file, chunk + 512, free - 512);
        writeInt(file, chunk + 52, (int) data.getValue());
        java.util.zip.CRC32 header = new java.util.zip.CRC32();
        header.update(file, chunk, 120);
        header.update(file, chunk + 128, 384);
        writeInt(file, chunk + 124, (int) header.getValue());
    }

    private static void writeLong(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }
}
