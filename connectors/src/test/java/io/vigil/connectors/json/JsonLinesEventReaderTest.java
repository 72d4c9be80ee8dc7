package io.vigil.connectors.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.EventType;
import io.vigil.connectors.testing.SharedData;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonLinesEventReaderTest {
    private static final String OTRF = "otrf-security-datasets/";
    private static final String GETSESSION = OTRF + "empire_getsession_dcerpc_smb_srvsvc_NetSessEnum.subset.json";
    private static final String RUN_KEYS = OTRF + "empire_persistence_registry_modification_run_keys_standard_user.proccreate-only.json";

    private final SharedData.Errors errors = new SharedData.Errors();

    private List<Event> readFile(String relative) throws IOException {
        return SharedData.readAll(JsonLinesEventReader.open(SharedData.data(relative), errors));
    }

    private List<Event> read(String json) throws IOException {
        return SharedData.readAll(new JsonLinesEventReader(new StringReader(json), "test.json", errors));
    }

    /** Event counts per type id, e.g. {@code sysmon:1=2}, as MANIFEST.md lists them. */
    private static String countsByType(List<Event> events) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Event event : events) {
            counts.merge(event.type().id(), 1, Integer::sum);
        }
        return counts.toString();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "empire_getsession_dcerpc_smb_srvsvc_NetSessEnum.subset.json; 580; "
                    + "{other=280, powershell-classic:400=1, powershell:4103=269, powershell:4104=23, security:4688=5, sysmon:1=2}",
            "empire_ninjacopy_dumping_ntds_dit_file.nettcpconnection-only.json; 3; "
                    + "{other=1, powershell:4103=1, powershell:4104=1}",
            "empire_persistence_registry_modification_run_keys_standard_user.proccreate-only.json; 666; "
                    + "{security:4688=546, sysmon:1=120}",
            "empire_shell_dcerpc_smb_service_dll_hijack.netstat-dirlisting-only.json; 1; {other=1}",
            "empire_shell_net_localgroup_administrators.subset.json; 110; "
                    + "{other=57, powershell:4103=49, security:4688=2, sysmon:1=2}"})
    void readsOtrfFilesWithTheCountsOfTheManifest(String file, int records, String types) throws IOException {
        List<Event> events = readFile(OTRF + file);

        assertThat(events).hasSize(records);
        assertThat(countsByType(events)).isEqualTo(types);
        assertThat(errors.list()).isEmpty();
    }

    @Test
    void mapsNxlogSystemFields() throws IOException {
        Event first = readFile(GETSESSION).get(0);

        assertThat(first.get("EventID")).isEqualTo("600");
        assertThat(first.get("Provider")).isEqualTo("PowerShell");
        assertThat(first.get("Computer")).as("Hostname, not Logstash's host").isEqualTo("MORDORDC.theshire.local");
        assertThat(first.get("EventRecordID")).isEqualTo("114406");
        assertThat(first.get("TimeCreated")).as("EventTime 03:45:15 local, 4 h behind UTC").isEqualTo("2020-09-22T07:45:15Z");
        assertThat(first.position()).isEqualTo("line 1");
        for (String metadata : List.of("host", "port", "tags", "@timestamp", "Message", "EventTime", "Severity", "Hostname")) {
            assertThat(first.has(metadata)).as(metadata).isFalse();
        }
    }

    @Test
    void takesNxlogValuesLiterally() throws IOException {
        List<Event> events = readFile(RUN_KEYS);

        assertThat(events.stream().map(e -> e.get("CommandLine")))
                .anySatisfy(commandLine -> assertThat(commandLine).contains("&gt;"));
        assertThat(events.stream().filter(e -> "security".equals(e.get("Channel")))).hasSize(540);
    }

    @Test
    void parsesHostApplicationOfAnNxlogPowerShell400FromItsMessage() throws IOException {
        Event event = readFile(GETSESSION).stream()
                .filter(e -> e.type() == EventType.POWERSHELL_CLASSIC_400).findFirst().orElseThrow();

        assertThat(event.getAll("Data")).singleElement().asString().startsWith("Engine state is changed");
        assertThat(event.get("HostApplication")).isEqualTo("C:\\windows\\system32\\wbem\\wmiprvse.exe");
        assertThat(event.get("EngineVersion")).isEqualTo("5.1.17763.1007");
        assertThat(event.get("CommandLine")).isEmpty();
    }

    @Test
    void keepsJsonNullsOfFlatRecords() throws IOException {
        List<Event> events = readFile(OTRF + "empire_ninjacopy_dumping_ntds_dit_file.nettcpconnection-only.json");
        Event scriptBlock = events.stream().filter(e -> e.type() == EventType.POWERSHELL_4104).findFirst().orElseThrow();

        assertThat(scriptBlock.isNull("Path")).isTrue();
        assertThat(scriptBlock.get("TimeCreated")).isEqualTo("2023-07-19T05:35:38.561Z");
        assertThat(scriptBlock.get("ScriptBlockText")).contains("function Get-NetTCPConnection");
        Event module = events.stream().filter(e -> e.type() == EventType.POWERSHELL_4103).findFirst().orElseThrow();
        assertThat(module.isNull("UserData")).isTrue();
        assertThat(module.get("CommandName")).isEqualTo("Export-ModuleMember");
    }

    @Test
    void readsPrettyPrintedEvtxDumpDocuments() throws IOException {
        List<Event> events = readFile("sigma-regression/proc_creation_win_susp_right_to_left_override/"
                + "ad691d92-15f2-4181-9aa4-723c74f9ddc3.json");

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(EventType.SYSMON_1);
            assertThat(event.get("Image")).contains("\u202e");
            assertThat(event.get("ProcessID")).isNotEmpty();
            assertThat(event.position()).isEqualTo("line 1");
        });
        assertThat(errors.list()).isEmpty();
    }

    @Test
    void readsEverySigmaHqRegressionDocument() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SharedData.root().resolve("sigma").resolve("sigmahq-regression"))) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSize(90);
        int concatenated = 0;
        for (Path file : files) {
            List<Event> events = SharedData.readAll(JsonLinesEventReader.open(file, errors));
            assertThat(events).as(file.toString()).isNotEmpty();
            assertThat(events).allSatisfy(e -> assertThat(e.get("EventID")).isNotNull());
            if (events.size() > 1) {
                concatenated++;
            }
        }
        assertThat(concatenated).as("files holding several pretty-printed objects").isEqualTo(5);
        assertThat(errors.list()).isEmpty();
    }

    @Test
    void streamsTheElementsOfAnArray() throws IOException {
        String json = "[\n  {\"Channel\": \"Security\", \"EventID\": 4688, \"EventRecordID\": 1},\n"
                + "  {\"Channel\": \"Security\", \"EventID\": 4688, \"EventRecordID\": 2}\n]\n";
        List<Event> events = read(json);

        assertThat(events).extracting(Event::recordId).containsExactly(1L, 2L);
        assertThat(events).extracting(Event::position).containsExactly("line 2", "line 3");
        assertThat(errors.list()).isEmpty();
    }

    @Test
    void readsEvtxDumpTextOutput() throws IOException {
        String json = "Record 1\n{\n  \"Event\": {\"System\": {\"EventID\": 1, \"EventRecordID\": 1}}\n}\n"
                + "Record 2\n{\n  \"Event\": {\"System\": {\"EventID\": 1, \"EventRecordID\": 2}}\n}\n";
        List<Event> events = read(json);

        assertThat(events).extracting(Event::recordId).containsExactly(1L, 2L);
        assertThat(errors.list()).isEmpty();
    }

    @Test
    void reportsBadLinesWithFileAndLineAndReadsTheFollowingOnes() throws IOException {
        String json = "{\"EventID\": 1, \"EventRecordID\": 1}\n"
                + "\n"
                + "{\"EventID\": 1, \"CommandLine\": \"unterminated}\n"
                + "{\"EventID\": 1, \"EventRecordID\": \"3\"\n"
                + "42\n"
                + "{\"EventID\": 1, \"EventRecordID\": 4, }\n"
                + "{\"EventID\": 1, \"EventRecordID\": 5}\n";
        List<Event> events = read(json);

        assertThat(events).extracting(Event::recordId).containsExactly(1L, 5L);
        assertThat(errors.list()).hasSize(4);
        assertThat(errors.list().get(0)).startsWith("test.json|line 3|line break inside a string");
        assertThat(errors.list().get(1)).startsWith("test.json|line 4|record is not closed at the end of its line");
        assertThat(errors.list().get(2)).startsWith("test.json|line 5|text outside a JSON object: 42");
        assertThat(errors.list().get(3)).startsWith("test.json|line 6|malformed JSON");
    }

    @Test
    void skipsARecordLongerThanTheLimit() throws IOException {
        String json = "{\"EventRecordID\": 1}\n{\"EventRecordID\": 2, \"Big\": \"" + "x".repeat(500) + "\"}\n"
                + "{\"EventRecordID\": 3}\n";
        List<Event> events = SharedData.readAll(new JsonLinesEventReader(new StringReader(json), "test.json", errors, 100));

        assertThat(events).extracting(Event::recordId).containsExactly(1L, 3L);
        assertThat(errors.list()).singleElement().asString()
                .startsWith("test.json|line 2|record is longer than 100 characters");
    }

    @Test
    void ignoresAByteOrderMarkAndBlankLines() throws IOException {
        List<Event> events = read("\uFEFF\r\n{\"EventRecordID\": 1}\r\n\r\n   \r\n{\"EventRecordID\": 2}");

        assertThat(events).extracting(Event::recordId).containsExactly(1L, 2L);
        assertThat(errors.list()).isEmpty();
    }

    @Test
    void countsOnlyTheEventsItReturns() throws IOException {
        JsonLinesEventReader reader = new JsonLinesEventReader(
                new StringReader("{\"EventID\": 1}\n{bad\n{\"EventID\": 2}\n"), "test.json", errors);
        List<Event> events = new ArrayList<>();
        Event event;
        while ((event = reader.next()) != null) {
            events.add(event);
        }
        reader.close();

        assertThat(events).hasSize(2);
        assertThat(reader.recordsRead()).isEqualTo(2);
        assertThat(errors.list()).hasSize(1);
    }
}
