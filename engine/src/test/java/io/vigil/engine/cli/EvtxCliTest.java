package io.vigil.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.spi.EventSource;
import io.vigil.connectors.xml.WindowsXmlEventReader;
import io.vigil.engine.realdata.SharedData;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@code vigil dump} and {@code vigil hunt} on binary .evtx files of the shared data. */
class EvtxCliTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.createCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private static String file(String relative) {
        return SharedData.data().resolve(relative).toString();
    }

    @Test
    void dumpsNormalisedJsonLinesWithRecordIds() throws Exception {
        int code = run("dump", file("omerbenamram-evtx/samples/sysmon.evtx"));

        assertThat(code).as("stderr: %s", err).isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(358);
        JsonNode first = MAPPER.readTree(lines[0]);
        assertThat(first.get("EventRecordID").asText()).isEqualTo("1742");
        assertThat(first.get("Channel").asText()).isEqualTo("Microsoft-Windows-Sysmon/Operational");
        assertThat(first.get("TimeCreated").asText()).isEqualTo("2017-12-26T13:10:29.1368792Z");
        assertThat(first.get("LogonId").asText()).isEqualTo("0x3e7");
        assertThat(err.toString()).contains("file header marked dirty");
        assertThat(err.toString().split("\n")).as("a dirty log is a warning, not an error")
                .allSatisfy(line -> assertThat(line).startsWith("warning: "));
    }

    @Test
    void dumpsEventXmlThatReadsBackToTheSameRecords() throws Exception {
        int code = run("dump", "--format", "xml", file("python-evtx/tests/data/system.evtx"));

        assertThat(code).as("stderr: %s", err).isZero();
        assertThat(out.toString()).startsWith("<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">\n"
                + "  <System>\n");
        List<Event> events = new ArrayList<>();
        try (EventSource source = new WindowsXmlEventReader(new StringReader(out.toString()), "dump",
                (s, p, m) -> events.clear())) {
            Event e;
            while ((e = source.next()) != null) {
                events.add(e);
            }
        }
        assertThat(events).hasSize(1601);
    }

    @Test
    void reportsDamagedRecordsWithTheirPositionAndExitsThree() {
        String damaged = file("omerbenamram-evtx/samples/Microsoft-Windows-HelloForBusiness_4Operational.evtx");

        int code = run("dump", damaged);

        assertThat(code).isEqualTo(ExitCodes.UNREADABLE_SOURCE);
        assertThat(out.toString().split("\n")).hasSize(5);
        assertThat(err.toString()).contains(damaged + " chunk 0 offset 0x1f90: record 6: record size 384 does not"
                + " match its copy 0; the rest of the chunk is slack");
        assertThat(err.toString()).contains("warning: " + damaged + " chunk 0 offset 0x1000: event records checksum"
                + " mismatch");
    }

    @Test
    void recoversSlackRecordsOnRequest() throws Exception {
        String cleared = file("python-evtx/tests/data/issue_38.evtx");

        assertThat(run("dump", cleared)).isZero();
        assertThat(out.toString().split("\n")).hasSize(1);
        out.getBuffer().setLength(0);

        assertThat(run("dump", "--recover-slack", cleared)).isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines.length).isGreaterThan(30);
        assertThat(MAPPER.readTree(lines[0]).has("VigilRecovered")).isFalse();
        assertThat(MAPPER.readTree(lines[1]).get("VigilRecovered").asText()).isEqualTo("true");
    }

    @Test
    void refusesXmlOutputForOtherInputs() throws Exception {
        java.nio.file.Path json = Files.createTempFile("events", ".jsonl");
        try {
            Files.writeString(json, "{\"EventID\": 1}\n", StandardCharsets.UTF_8);

            assertThat(run("dump", "--format", "xml", json.toString())).isEqualTo(ExitCodes.UNREADABLE_SOURCE);
            assertThat(err.toString()).contains(json + ": --format xml renders .evtx input only");
        } finally {
            Files.delete(json);
        }
    }

    @Test
    void huntsBinaryEvtxFoldersWithTheExpectedAlerts() throws Exception {
        int code = run("hunt", "--no-summary", file("evtx-attack-samples"));

        assertThat(code).as("stderr: %s", err).isZero();
        TreeSet<String> actual = new TreeSet<>();
        for (String line : out.toString().split("\n")) {
            JsonNode alert = MAPPER.readTree(line);
            actual.add(alert.at("/rule/id").asText() + " " + alert.at("/winlog/record_id").asLong() + " "
                    + alert.at("/@timestamp").asText());
        }
        TreeSet<String> expected = new TreeSet<>();
        for (String line : Files.readAllLines(SharedData.data().resolve("EXPECTED_ALERTS.jsonl"))) {
            JsonNode e = MAPPER.readTree(line);
            if (e.get("file").asText().startsWith("evtx-attack-samples/")) {
                expected.add(e.get("rule").asText() + " " + e.get("record_id").asLong() + " " + e.get("time").asText());
            }
        }
        assertThat(expected).hasSize(13);
        assertThat(actual).isEqualTo(expected);
    }
}
