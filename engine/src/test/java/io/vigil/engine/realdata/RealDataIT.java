package io.vigil.engine.realdata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.compiler.RuleCompiler;
import io.vigil.engine.alert.Alert;
import io.vigil.engine.alert.BurstWindow;
import io.vigil.engine.alert.EventRef;
import io.vigil.engine.hunt.HuntService;
import io.vigil.engine.metrics.EngineMetrics;
import io.vigil.engine.pack.RulePacks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Hunting the shared real data with the bundled pack raises exactly the alerts of
 * {@code data/EXPECTED_ALERTS.jsonl}, no more and no fewer. The .evtx files are read as the XML
 * libevtx's evtxexport makes of them; the JSON files directly.
 */
class RealDataIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void raisesExactlyTheExpectedAlerts() throws Exception {
        Path xmlDir = Path.of("target", "real-data-xml");
        List<Path> inputs = new ArrayList<>(SharedData.evtxAsXml(xmlDir));
        inputs.addAll(SharedData.files(".json"));
        assertExpectedAlerts(inputs, xmlDir);
    }

    /** The same expectations, with Vigil's own binary .evtx reader instead of evtxexport's XML. */
    @Test
    void raisesExactlyTheExpectedAlertsReadingEvtxDirectly() throws Exception {
        List<Path> inputs = new ArrayList<>(SharedData.files(".evtx"));
        inputs.addAll(SharedData.files(".json"));
        assertExpectedAlerts(inputs, Path.of("target", "no-such-dir"));
    }

    private static void assertExpectedAlerts(List<Path> inputs, Path xmlDir) throws Exception {

        List<Alert> alerts = new ArrayList<>();
        EngineMetrics metrics = new EngineMetrics();
        HuntService.builder()
                .rules(RuleCompiler.compile(RulePacks.bundled()))
                .metrics(metrics)
                .build()
                .hunt(inputs, alerts::add);

        TreeSet<String> actual = new TreeSet<>();
        for (Alert alert : alerts) {
            actual.add(key(alert, xmlDir));
        }
        TreeSet<String> expected = new TreeSet<>();
        for (String line : Files.readAllLines(SharedData.data().resolve("EXPECTED_ALERTS.jsonl"),
                StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                expected.add(key(MAPPER.readTree(line)));
            }
        }
        assertThat(expected).as("expectations read").hasSizeGreaterThan(30);
        TreeSet<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        TreeSet<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        assertThat(missing).as("expected alerts not raised").isEmpty();
        assertThat(extra).as("alerts raised that are not expected").isEmpty();
        assertThat(metrics.eventsRead()).isGreaterThan(20_000);
    }

    /** file | rule | record id (or line) ; bursts: file | rule | bucket start | record ids. */
    private static String key(Alert alert, Path xmlDir) {
        String file = SharedData.relativeName(alert.event().source(), xmlDir);
        if (alert.burst().isPresent()) {
            BurstWindow b = alert.burst().get();
            TreeSet<Long> ids = new TreeSet<>();
            for (EventRef e : b.events()) {
                ids.add(e.recordId());
            }
            return file + " | " + alert.rule().id() + " | burst " + b.start() + " " + ids;
        }
        long id = alert.event().recordId();
        String where = id >= 0 ? "record " + id : alert.event().position();
        return file + " | " + alert.rule().id() + " | " + where;
    }

    private static String key(JsonNode e) {
        String file = e.get("file").asText();
        String rule = e.get("rule").asText();
        if (e.has("record_ids")) {
            TreeSet<Long> ids = new TreeSet<>();
            e.get("record_ids").forEach(n -> ids.add(n.asLong()));
            return file + " | " + rule + " | burst " + e.get("bucket_start").asText() + " " + ids;
        }
        JsonNode id = e.get("record_id");
        String where = id != null && !id.isNull() ? "record " + id.asLong() : "line " + e.get("line").asInt();
        return file + " | " + rule + " | " + where;
    }
}
