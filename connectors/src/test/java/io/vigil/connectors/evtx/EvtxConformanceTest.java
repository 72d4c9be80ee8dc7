package io.vigil.connectors.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * The EVTX conformance cases of {@code ../shared/cases}: BR-21 (dirty file with stale header
 * counters) and BR-23 (truncated file, header declaring more chunks than the file has). Their
 * inputs are built at run time from a shared sample, following each case's recipe; the derived
 * bytes are never committed (the sample is GPL).
 */
class EvtxConformanceTest {
    /** A clean Sysmon log with Sysmon 1 records in 15 chunks (GPL: read from ../shared only). */
    private static final String BASE = "evtx-attack-samples/AutomatedTestingTools/PanacheSysmon_vs_AtomicRedTeam01.evtx";

    private final SharedData.Errors errors = new SharedData.Errors();
    private final List<String> warnings = new ArrayList<>();

    @Test
    void br21ReadsEveryRecordOfADirtyFileWithStaleCountersByChunkScan() throws Exception {
        JsonNode recipe = SharedData.caseEvents("BR-21").get(0).get("data");
        byte[] base = Files.readAllBytes(SharedData.data(BASE));
        List<Event> expected = read(base);
        assertThat(expected).hasSize(565);

        for (String variant : List.of("A", "B")) {
            byte[] patched = base.clone();
            for (JsonNode patch : recipe.get("patch")) {
                put(patched, number(patch.get("offset")), patch.get("size").asInt(), number(patch.get("value")));
            }
            if (variant.equals("A")) {
                CRC32 crc = new CRC32();
                crc.update(patched, 0, 0x78);
                put(patched, 0x7c, 4, crc.getValue());
            }
            errors.list().clear();
            warnings.clear();

            List<Event> events = read(patched);

            assertThat(events).as("variant %s", variant).hasSize(expected.size());
            assertThat(events).extracting(Event::recordId).as("variant %s", variant)
                    .containsExactlyElementsOf(expected.stream().map(Event::recordId).toList());
            assertThat(netstat(events)).as("variant %s: netstat -an records", variant).isEqualTo(netstat(expected));
            assertThat(errors.list()).as("variant %s", variant).isEmpty();
            assertThat(warnings).as("variant %s", variant).anyMatch(w -> w.contains(
                    "file header marked dirty; header counters ignored, chunks located by signature"));
            if (variant.equals("B")) {
                assertThat(warnings).anyMatch(w -> w.startsWith("offset 0x0: file header checksum mismatch"));
            } else {
                assertThat(warnings).noneMatch(w -> w.contains("checksum"));
            }
        }
    }

    @Test
    void br23ReadsTheCompleteChunksOfATruncatedFileAndNamesWhereItEnds() throws Exception {
        JsonNode recipe = SharedData.caseEvents("BR-23").get(0).get("data");
        int length = recipe.get("truncate_to_bytes").asInt();
        byte[] base = Files.readAllBytes(SharedData.data(BASE));
        byte[] truncated = Arrays.copyOf(base, length);
        JsonNode patch = recipe.get("patch_variant");
        byte[] overDeclared = truncated.clone();
        put(overDeclared, number(patch.get("offset")), patch.get("size").asInt(), number(patch.get("value")));

        List<Long> wanted = completeRecords(base, length);
        assertThat(wanted).as("records of chunks 0 and 1 and the complete ones of chunk 2").hasSizeGreaterThan(70);

        for (byte[] input : List.of(truncated, overDeclared)) {
            errors.list().clear();

            List<Event> events = read(input);

            List<Long> firstIds = read(base).stream().limit(wanted.size()).map(Event::recordId).toList();
            assertThat(events).extracting(Event::recordId).containsExactlyElementsOf(firstIds);
            assertThat(events).hasSize(wanted.size());
            assertThat(errors.list()).singleElement().satisfies(e -> assertThat(e)
                    .contains("chunk 2").contains("offset 0x21000").contains("truncated"));
        }
        assertThat(errors.list().get(0)).isEqualTo("in|chunk 2 offset 0x21000|truncated: the file ends after 1000 of"
                + " 65536 bytes of this chunk (the header declares 10 chunks); the records wholly inside it are read");
    }

    /**
     * Record identifiers of an EVTX prefix, found without the reader: in every chunk that fits the
     * prefix, records follow each other from offset 512 while signature, size and size copy agree.
     */
    private static List<Long> completeRecords(byte[] file, int length) {
        List<Long> ids = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        for (int chunk = 4096; chunk + 512 <= length; chunk += 65536) {
            int free = b.getInt(chunk + 48);
            int end = Math.min(chunk + free, length);
            int p = chunk + 512;
            while (p + 28 <= end && b.getInt(p) == 0x2a2a) {
                int size = b.getInt(p + 4);
                if (size < 28 || p + size > end || b.getInt(p + size - 4) != size) {
                    break;
                }
                ids.add(b.getLong(p + 8));
                p += size;
            }
        }
        return ids;
    }

    private static long netstat(List<Event> events) {
        return events.stream().filter(e -> e.eventId() == 1)
                .filter(e -> String.valueOf(e.get("Image")).toLowerCase(java.util.Locale.ROOT).endsWith("\\netstat.exe"))
                .filter(e -> String.valueOf(e.get("CommandLine")).contains("-an")).count();
    }

    private List<Event> read(byte[] file) throws IOException {
        return SharedData.readAll(new EvtxEventReader(new ByteArrayInputStream(file), "in", errors,
                EvtxOptions.defaults().warnings((s, p, m) -> warnings.add(p + ": " + m))));
    }

    private static long number(JsonNode node) {
        String s = node.asText();
        return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
    }

    private static void put(byte[] b, long offset, int size, long value) {
        for (int i = 0; i < size; i++) {
            b[(int) offset + i] = (byte) (value >>> (8 * i));
        }
    }
}
