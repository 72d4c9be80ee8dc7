package io.vigil.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.engine.realdata.SharedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code vigil demo} end to end: a real in-process Kafka broker, the bundled real samples
 * replayed into it, consumed with the bundled pack. The alerts must be exactly the expectations
 * of EXPECTED_ALERTS.jsonl for the bundled files.
 */
class DemoIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The shared data files the demo bundles (as JSON, or as XML made from the .evtx). */
    private static final List<String> BUNDLED = List.of(
            "otrf-security-datasets/",
            "evtx-to-mitre-attack/TA0003-Persistence/T1505.001-SQL_Stored_Procedures/ID4688-SQL_Server_started_in_single_mode_for_psw_recovery.evtx",
            "evtx-to-mitre-attack/TA0007-Discovery/T1069-Permission_Groups_Discovery/ID4688-Group_discovery_via_commandline.evtx",
            "evtx-to-mitre-attack/TA0008-Lateral_Movement/T1021.002-SMB_Windows_Admin_Shares/ID4688-Network_share_manipulation_via_commandline.evtx",
            "evtx-to-mitre-attack/TA0007-Discovery/T1087-Account_discovery/ID800_-_SPN_discovery_PowerShell_.evtx",
            "evtx-to-mitre-attack/TA0007-Discovery/T1069-Permission_Groups_Discovery/ID800-4103-4104-Local_group_discovery_via_PowerShell.evtx");

    @Test
    void demoRaisesTheExpectedAlertsThroughARealBroker() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.createCommandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("demo", "--format", "jsonl");
        assertThat(code).as("exit code; stderr:%n%s", err).isZero();
        assertThat(err.toString()).contains("Kafka broker up at 127.0.0.1:", "unreadable records: 0");

        TreeSet<String> actual = new TreeSet<>();
        for (String line : out.toString().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode alert = MAPPER.readTree(line);
            assertThat(alert.at("/vigil/source").asText()).matches("windows-events/\\d+/\\d+");
            actual.add(key(alert));
        }
        TreeSet<String> expected = new TreeSet<>();
        for (String line : Files.readAllLines(SharedData.data().resolve("EXPECTED_ALERTS.jsonl"),
                StandardCharsets.UTF_8)) {
            JsonNode e = line.isBlank() ? null : MAPPER.readTree(line);
            if (e != null && BUNDLED.stream().anyMatch(b -> e.get("file").asText().startsWith(b))) {
                expected.add(expectedKey(e));
            }
        }
        assertThat(expected).hasSizeGreaterThan(20);
        assertThat(actual).isEqualTo(expected);
    }

    private static String key(JsonNode a) {
        String rule = a.at("/rule/id").asText();
        String host = a.at("/host/name").asText();
        if (a.at("/vigil/window").isObject()) {
            TreeSet<Long> ids = new TreeSet<>();
            a.at("/vigil/record_ids").forEach(n -> ids.add(n.asLong()));
            return rule + " | " + host + " | burst " + a.at("/vigil/window/start").asText() + " " + ids;
        }
        JsonNode id = a.at("/winlog/record_id");
        return rule + " | " + host + " | " + (id.isNull() ? "time " + a.get("@timestamp").asText() : "record " + id.asLong());
    }

    private static String expectedKey(JsonNode e) {
        String rule = e.get("rule").asText();
        String host = e.get("computer").asText();
        if (e.has("record_ids")) {
            TreeSet<Long> ids = new TreeSet<>();
            e.get("record_ids").forEach(n -> ids.add(n.asLong()));
            return rule + " | " + host + " | burst " + e.get("bucket_start").asText() + " " + ids;
        }
        JsonNode id = e.get("record_id");
        String time = java.time.Instant.parse(e.get("time").asText()).toString();
        return rule + " | " + host + " | " + (id == null || id.isNull() ? "time " + time : "record " + id.asLong());
    }
}
