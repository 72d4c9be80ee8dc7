package io.vigil.connectors.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.connectors.event.Event;
import io.vigil.connectors.spi.EventSource;
import io.vigil.connectors.testing.SharedData;
import io.vigil.connectors.xml.WindowsXmlEventReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every .evtx of the shared data, read natively, against libevtx: the XML that
 * {@code evtxexport -f xml} makes of the file, read with the XML reader, gives the same events
 * record by record (record id, event id, channel, computer, time, and every System, EventData and
 * UserData value). Where the two differ because libevtx (or the XML reader) is wrong, the
 * difference is named below with its reason, and each file lists the ones it shows.
 *
 * <p>On the files libevtx cannot read, the record counts of MANIFEST.md (evtxinfo, or evtx-rs
 * where given) must come out; on every file the errors reported must be exactly the expected ones.
 */
class EvtxParityTest {
    /** A difference between Vigil and the XML evtxexport writes, where Vigil is right. */
    enum Difference {
        /** Windows writes HexInt32, HexInt64 and size_t as {@code 0x3e7}; Sigma rules match that form. */
        HEX_ZERO_PADDED("evtxexport zero-pads hex values (0x00000000000003e7); Windows writes 0x3e7") {
            @Override
            boolean explains(String field, String libevtx, String vigil) {
                return isHex(libevtx) && isHex(vigil) && hex(libevtx) == hex(vigil);
            }
        },
        NINE_FRACTION_DIGITS("evtxexport writes FILETIME with nine fraction digits; the value has 100 ns ticks,"
                + " which Windows writes as seven (2019-07-19T14:48:41.0506612Z)") {
            @Override
            boolean explains(String field, String libevtx, String vigil) {
                return libevtx.length() == vigil.length() + 2 && libevtx.endsWith("00Z")
                        && libevtx.equals(vigil.substring(0, vigil.length() - 1) + "00Z");
            }
        },
        SIZE_T_IN_DECIMAL("evtxexport writes size_t (pointer) values in decimal; Windows writes them in hex") {
            @Override
            boolean explains(String field, String libevtx, String vigil) {
                return libevtx.matches("[0-9]{1,19}") && isHex(vigil) && Long.parseLong(libevtx) == hex(vigil);
            }
        },
        LONE_LINE_FEED_DROPPED("evtxexport writes a value that is a lone line feed as an empty element") {
            @Override
            boolean explains(String field, String libevtx, String vigil) {
                return libevtx.isEmpty() && vigil.equals("\n");
            }
        },
        INT32_SIGN_MAGNITUDE("evtxexport prints a negative Int32 as -(v & 0x7fffffff): 0x8004805f as -295007,"
                + " not -2147188641") {
            @Override
            boolean explains(String field, String libevtx, String vigil) {
                if (!libevtx.matches("-[0-9]+") || !vigil.matches("-[0-9]+")) {
                    return false;
                }
                long v = Long.parseLong(vigil);
                return v >= Integer.MIN_VALUE && -(v & 0x7fffffffL) == Long.parseLong(libevtx);
            }
        },
        ANSI_MARKUP_UNESCAPED("evtxexport does not escape <, > and & in ANSI string values, so the XML reader"
                + " reads their markup as elements and keeps only its text") {
            @Override
            boolean explains(String field, String libevtx, String vigil) {
                return vigil.startsWith("<") && !libevtx.startsWith("<") && !libevtx.equals(vigil);
            }
        },
        LONE_SURROGATE_SWALLOWS_NEXT("for a lone UTF-16 surrogate evtxexport writes U+FFFD and drops the next code"
                + " unit as well; Vigil replaces the surrogate only") {
            @Override
            boolean explains(String field, String libevtx, String vigil) {
                int at = vigil.indexOf('\uFFFD');
                return at >= 0 && libevtx.equals(vigil.substring(0, at + 1) + vigil.substring(at + 2));
            }
        };

        private final String reason;

        Difference(String reason) {
            this.reason = reason;
        }

        abstract boolean explains(String field, String libevtx, String vigil);

        @Override
        public String toString() {
            return name() + " (" + reason + ")";
        }

        private static boolean isHex(String s) {
            return s.matches("0x[0-9a-f]{1,16}");
        }

        private static long hex(String s) {
            return Long.parseUnsignedLong(s.substring(2), 16);
        }
    }

    /** Differences seen in (nearly) every file: allowed everywhere. */
    private static final Set<Difference> EVERYWHERE = EnumSet.of(Difference.HEX_ZERO_PADDED,
            Difference.NINE_FRACTION_DIGITS);

    /** The other differences, file by file. */
    private static final Map<String, Set<Difference>> EXPECTED_DIFFERENCES = Map.of(
            "deepbluecli/evtx/many-events-application.evtx",
            EnumSet.of(Difference.LONE_LINE_FEED_DROPPED),
            "omerbenamram-evtx/samples/Application_no_crc32.evtx", EnumSet.of(Difference.LONE_LINE_FEED_DROPPED),
            "omerbenamram-evtx/samples/Security_with_size_t.evtx",
            EnumSet.of(Difference.SIZE_T_IN_DECIMAL),
            "python-evtx/tests/data/issue_39.evtx",
            EnumSet.of(Difference.INT32_SIGN_MAGNITUDE, Difference.ANSI_MARKUP_UNESCAPED),
            "python-evtx/tests/data/issue_43.evtx", EnumSet.of(Difference.LONE_SURROGATE_SWALLOWS_NEXT));

    /**
     * The records that cannot be read, file by file: records cut short when the file was copied
     * (their size copy does not match), which libevtx skips as well.
     */
    private static final Map<String, List<String>> EXPECTED_ERRORS = Map.of(
            "omerbenamram-evtx/samples/2-vss_0-Microsoft-Windows-RemoteDesktopServices-RdpCoreTS_4Operational.evtx",
            List.of("chunk 0 offset 0xcfd0: record 6335011: record size 480 does not match its copy 1761629952;"
                            + " the rest of the chunk is slack",
                    "chunk 13 offset 0xdcf98: record 6914519: record size 472 does not match its copy 448;"
                            + " the rest of the chunk is slack"),
            "omerbenamram-evtx/samples/2-vss_0-Microsoft-Windows-TerminalServices-RemoteConnectionManager_4Operational.evtx",
            List.of("chunk 1 offset 0x18e98: record 463011: record size 496 does not match its copy 1694519808;"
                    + " the rest of the chunk is slack"),
            "omerbenamram-evtx/samples/Microsoft-Windows-HelloForBusiness_4Operational.evtx",
            List.of("chunk 0 offset 0x1f90: record 6: record size 384 does not match its copy 0;"
                    + " the rest of the chunk is slack"),
            "omerbenamram-evtx/samples/sample-with-zero-data-size-event.evtx",
            List.of("chunk 0 offset 0x1820: record 3: record size 0 is too small; the rest of the chunk is slack"));

    @TestFactory
    Stream<DynamicTest> everySharedFileMatchesLibevtx() throws IOException {
        Map<String, ManifestCounts> manifest = manifest();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path evtx : EvtxExport.sharedFiles()) {
            String name = EvtxExport.relative(evtx);
            tests.add(DynamicTest.dynamicTest(name, () -> check(evtx, name, manifest.get(name))));
        }
        assertThat(tests).as("shared .evtx files").hasSizeGreaterThanOrEqualTo(48);
        return tests.stream();
    }

    private static void check(Path evtx, String name, ManifestCounts counts) throws Exception {
        SharedData.Errors errors = new SharedData.Errors();
        List<String> warnings = new ArrayList<>();
        List<Event> vigil = SharedData.readAll(EvtxEventReader.open(evtx, errors,
                EvtxOptions.defaults().warnings((s, p, m) -> warnings.add(p + ": " + m))));

        assertThat(errors.list()).as("errors of %s", name).containsExactlyElementsOf(
                EXPECTED_ERRORS.getOrDefault(name, List.of()).stream().map(e -> evtx + "|" + e.replaceFirst(": ", "|"))
                        .toList());
        assertThat(counts).as("MANIFEST.md row of %s", name).isNotNull();
        assertThat(vigil).as("records of %s (MANIFEST.md: %s)", name, counts).hasSize(counts.expected());

        EvtxExport.Export export = EvtxExport.export(evtx);
        SharedData.Errors xmlErrors = new SharedData.Errors();
        List<Event> libevtx = readXml(export.xml(), xmlErrors);
        assertThat(xmlErrors.list()).as("XML reader on the evtxexport output of %s", name).isEmpty();
        if (export.exitCode() == 0) {
            assertThat(libevtx).as("libevtx records of %s", name).hasSize(vigil.size());
        } else {
            // a PARSER BREAKER: libevtx gives up part way (or at record 0); what it did export must agree
            assertThat(libevtx.size()).as("libevtx records of %s", name).isLessThan(vigil.size());
        }

        Set<Difference> seen = EnumSet.noneOf(Difference.class);
        for (int i = 0; i < libevtx.size(); i++) {
            compare(name, libevtx.get(i), vigil.get(i), seen);
        }
        seen.removeAll(EVERYWHERE);
        assertThat(seen).as("differences from libevtx in %s, beyond %s", name, EVERYWHERE)
                .isEqualTo(EXPECTED_DIFFERENCES.getOrDefault(name, EnumSet.noneOf(Difference.class)));
    }

    private static void compare(String file, Event libevtx, Event vigil, Set<Difference> seen) {
        String where = file + " record " + libevtx.recordId();
        assertThat(vigil.recordId()).as("EventRecordID, %s", where).isEqualTo(libevtx.recordId());
        assertThat(vigil.eventId()).as("EventID, %s", where).isEqualTo(libevtx.eventId());
        assertThat(vigil.channel()).as("Channel, %s", where).isEqualTo(libevtx.channel());
        assertThat(vigil.computer()).as("Computer, %s", where).isEqualTo(libevtx.computer());
        assertThat(vigil.type()).as("event type, %s", where).isEqualTo(libevtx.type());
        assertThat(vigil.timeCreated()).as("TimeCreated, %s", where).isEqualTo(libevtx.timeCreated());
        Map<String, Object> theirs = fields(libevtx);
        Map<String, Object> ours = fields(vigil);
        for (Map.Entry<String, Object> field : theirs.entrySet()) {
            String key = field.getKey();
            Object expected = field.getValue();
            Object actual = ours.get(key);
            if (Objects.deepEquals(expected, actual)) {
                continue;
            }
            Difference difference = explain(key, expected, actual);
            assertThat(difference).as("%s: field %s, libevtx %s, Vigil %s", where, key, show(expected), show(actual))
                    .isNotNull();
            seen.add(difference);
        }
        for (String key : ours.keySet()) {
            assertThat(theirs).as("%s: field %s=%s only in Vigil", where, key, show(ours.get(key))).containsKey(key);
        }
    }

    private static Difference explain(String field, Object libevtx, Object vigil) {
        if (!(libevtx instanceof String) || !(vigil instanceof String)) {
            return null;
        }
        for (Difference d : Difference.values()) {
            if (d.explains(field, (String) libevtx, (String) vigil)) {
                return d;
            }
        }
        return null;
    }

    private static List<Event> readXml(Path xml, SharedData.Errors errors) throws IOException {
        try (EventSource source = WindowsXmlEventReader.open(xml, errors)) {
            List<Event> events = new ArrayList<>();
            Event e;
            while ((e = source.next()) != null) {
                events.add(e);
            }
            return events;
        }
    }

    private static Map<String, Object> fields(Event e) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < e.fieldCount(); i++) {
            fields.put(e.fieldName(i), e.fieldValue(i));
        }
        return fields;
    }

    private static String show(Object value) {
        String s = value instanceof String[] ? String.join("|", (String[]) value) : String.valueOf(value);
        s = s.replace("\r", "\\r").replace("\n", "\\n");
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /** Record counts from a MANIFEST.md row: evtxinfo's, and evtx-rs's where the row gives one. */
    record ManifestCounts(int evtxinfo, Integer evtxRs) {
        /** evtx-rs's figure where MANIFEST.md gives one for a file libevtx cannot read, else evtxinfo's. */
        int expected() {
            return evtxRs != null ? evtxRs : evtxinfo;
        }
    }

    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+\\.evtx)` .*\\[hdr v[0-9.]+; evtxinfo ([0-9]+) recs");
    private static final Pattern EVTX_RS = Pattern.compile("evtx-rs expects ([0-9]+) ok(?! \\+)");

    static Map<String, ManifestCounts> manifest() throws IOException {
        Map<String, ManifestCounts> counts = new LinkedHashMap<>();
        for (String line : Files.readAllLines(SharedData.root().resolve("data").resolve("MANIFEST.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                Matcher rs = EVTX_RS.matcher(line);
                boolean breaker = line.contains("libevtx exported") && line.contains("(ERROR)");
                Integer evtxRs = breaker && rs.find() ? Integer.valueOf(rs.group(1)) : null;
                counts.put(row.group(1), new ManifestCounts(Integer.parseInt(row.group(2)), evtxRs));
            }
        }
        return counts;
    }
}
