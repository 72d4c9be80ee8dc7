package io.vigil.engine.window;

import static io.vigil.engine.TestEvents.rule;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.json.JsonEventDecoder;
import io.vigil.engine.alert.Alert;
import io.vigil.engine.alert.BurstWindow;
import io.vigil.engine.eval.Evaluator;
import io.vigil.engine.realdata.SharedData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Conformance case BR-33: count windows per group and globally, with a replay and out-of-order arrival. */
class BurstCaseTest {
    private static final String MATCH = "match Image endswith any ['\\net.exe', '\\net1.exe', '\\netstat.exe',"
            + " '\\arp.exe', '\\netsh.exe']\n";
    private static final CompiledRule PER_HOST = rule("sysmon:1", MATCH
            + "aggregate by Computer window sliding 60s having count() gte 4");
    private static final CompiledRule GLOBAL = rule("sysmon:1", MATCH + "aggregate window sliding 60s having count() gte 4");

    private static List<Event> inArrivalOrder() throws Exception {
        JsonNode root = new ObjectMapper().readTree(SharedData.root().resolve("cases/BR-33.json").toFile());
        List<Event> events = new ArrayList<>();
        for (JsonNode index : root.at("/expected/arrival_order")) {
            JsonNode e = root.get("events").get(index.asInt());
            events.add(JsonEventDecoder.decode(e.get("data").toString(), "BR-33", "event " + index.asInt()));
        }
        return events;
    }

    private static List<Alert> run(CompiledRule rule, boolean deferred) throws Exception {
        Evaluator evaluator = new Evaluator(List.of(rule), deferred);
        List<Alert> alerts = new ArrayList<>();
        for (Event e : inArrivalOrder()) {
            evaluator.evaluate(e, alerts::add);
            evaluator.advance(Duration.ofSeconds(30), alerts::add);
        }
        evaluator.finish(alerts::add);
        return alerts;
    }

    @Test
    void perHostOneAlertForHost1NoneForHost2() throws Exception {
        for (boolean deferred : new boolean[] {true, false}) {
            List<Alert> alerts = run(PER_HOST, deferred);
            assertThat(alerts).as("deferred=" + deferred).hasSize(1);
            BurstWindow w = alerts.get(0).burst().orElseThrow();
            assertThat(w.group()).containsEntry("Computer", "HOST1");
            // the replayed event 8 (same host, channel and record id as event 2) is not counted
            assertThat(w.measures()).containsEntry("count", 4L);
            assertThat(w.start().toString()).isEqualTo("2024-03-01T09:00:00Z");
            assertThat(w.end().toString()).isEqualTo("2024-03-01T09:00:59Z");
            assertThat(w.events()).extracting(e -> e.recordId()).containsExactly(1L, 2L, 3L, 4L);
        }
    }

    @Test
    void withoutGroupByItFiresGlobally() throws Exception {
        for (boolean deferred : new boolean[] {true, false}) {
            assertThat(run(GLOBAL, deferred)).as("deferred=" + deferred).isNotEmpty();
        }
    }
}
