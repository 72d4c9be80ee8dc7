package io.vigil.engine.enrich;

import static io.vigil.engine.TestEvents.rule;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.json.JsonEventDecoder;
import io.vigil.engine.alert.Alert;
import io.vigil.engine.alert.AlertJson;
import io.vigil.engine.eval.Evaluator;
import io.vigil.engine.realdata.SharedData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Conformance case BR-20: split script blocks are put back together, in any order, once. */
class ScriptBlockAssemblyTest {
    private static final CompiledRule RULE = rule("powershell:4104",
            "match ScriptBlockText contains any ['Get-NetSession', 'Get-NetTCPConnection']");

    private static List<Event> caseEvents() throws Exception {
        JsonNode root = new ObjectMapper().readTree(SharedData.root().resolve("cases/BR-20.json").toFile());
        List<Event> events = new ArrayList<>();
        int i = 0;
        for (JsonNode e : root.get("events")) {
            events.add(JsonEventDecoder.decode(e.get("data").toString(), "BR-20", "event " + i++));
        }
        return events;
    }

    @Test
    void noFragmentMatchesAlone() throws Exception {
        for (Event fragment : caseEvents()) {
            assertThat(Evaluator.matches(RULE, fragment)).as(fragment.position()).isFalse();
        }
    }

    @Test
    void theWholeBlockMatchesOnceWhateverTheOrderAndRepeats() throws Exception {
        for (boolean deferred : new boolean[] {true, false}) {
            Evaluator evaluator = new Evaluator(List.of(RULE), deferred);
            List<Alert> alerts = new ArrayList<>();
            for (Event e : caseEvents()) {
                evaluator.evaluate(e, alerts::add);
            }
            evaluator.finish(alerts::add);
            assertThat(alerts).hasSize(1);
            Alert alert = alerts.get(0);
            assertThat(alert.event().get("ScriptBlockText")).isEqualTo("function Invoke-Recon {\n"
                    + "  $s = Get-NetSession -ComputerName HOST1\n"
                    + "  $t = Get-NetTCPConnection -State Established\n}\nInvoke-Recon");
            AssembledBlock block = alert.scriptBlock().orElseThrow();
            assertThat(block.partial()).isFalse();
            assertThat(block.total()).isEqualTo(3);
            assertThat(block.numbers()).containsExactly(1, 2, 3);
            assertThat(block.fragments()).extracting(f -> f.recordId()).containsExactly(2001L, 2002L, 2003L);
            assertThat(alert.event().get("ScriptBlockId")).isEqualTo("c0ffee00-1111-4222-8333-444455556666");
            assertThat(evaluator.duplicateFragments()).isEqualTo(1);
            JsonNode json = AlertJson.toNode(alert);
            assertThat(json.at("/vigil/script_block/fragments_seen").toString()).isEqualTo("[1,2,3]");
            assertThat(json.at("/vigil/script_block/record_ids").toString()).isEqualTo("[2001,2002,2003]");
            assertThat(json.at("/vigil/script_block/partial").asBoolean()).isFalse();
        }
    }

    @Test
    void anIncompleteBlockIsEvaluatedAtTheLimitAndFlaggedPartial() throws Exception {
        List<Event> events = caseEvents().subList(0, 1); // fragment 2 of 3 only
        // fragment 2 holds "Get-NetTCPConn" cut short, but "Get-NetSes|sion" is split too: add fragment 1
        List<Event> partial = new ArrayList<>(events);
        partial.add(caseEvents().get(2));
        Instant[] now = {Instant.parse("2030-01-01T00:00:00Z")};
        Evaluator evaluator = new Evaluator(List.of(RULE), false, () -> now[0], StateLimits.DEFAULTS);
        List<Alert> alerts = new ArrayList<>();
        for (Event e : partial) {
            evaluator.evaluate(e, alerts::add);
        }
        evaluator.advance(Duration.ofSeconds(30), alerts::add);
        assertThat(alerts).isEmpty();
        assertThat(evaluator.stateSizes()).containsEntry("scriptblocks.open", 1L);
        // the wait limit passes without news from the host
        now[0] = now[0].plus(StateLimits.DEFAULTS.scriptBlockWait()).plusSeconds(1);
        evaluator.advance(Duration.ofSeconds(30), alerts::add);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).scriptBlock().orElseThrow().partial()).isTrue();
        assertThat(alerts.get(0).scriptBlock().orElseThrow().numbers()).containsExactly(1, 2);
        assertThat(evaluator.stateSizes()).containsEntry("scriptblocks.open", 0L);
    }

    @Test
    void singleFragmentBlocksAreNotDelayed() throws Exception {
        Event single = JsonEventDecoder.decode("{\"Channel\":\"Microsoft-Windows-PowerShell/Operational\","
                + "\"Provider_Name\":\"Microsoft-Windows-PowerShell\",\"EventID\":4104,\"Computer\":\"H\","
                + "\"TimeCreated\":\"2024-03-01T09:15:02Z\",\"EventRecordID\":7,\"MessageNumber\":1,"
                + "\"MessageTotal\":1,\"ScriptBlockText\":\"Get-NetTCPConnection\",\"ScriptBlockId\":\"x\"}",
                "t", "line 1");
        Evaluator evaluator = new Evaluator(List.of(RULE), false);
        List<Alert> alerts = new ArrayList<>();
        evaluator.evaluate(single, alerts::add);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).scriptBlock()).isEmpty();
    }

    @Test
    void boundsReleaseBlocksEarly() throws Exception {
        StateLimits tight = new StateLimits(2, 1 << 20, Duration.ofMinutes(5), 1, 10, Duration.ofHours(1));
        Evaluator evaluator = new Evaluator(List.of(rule("powershell:4104", "match ScriptBlockId exists")), false,
                java.time.InstantSource.system(), tight);
        List<Alert> alerts = new ArrayList<>();
        List<Event> events = caseEvents();
        evaluator.evaluate(events.get(2), alerts::add); // 1 of 3
        evaluator.evaluate(events.get(0), alerts::add); // 2 of 3: the parts limit (2) releases it
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).scriptBlock().orElseThrow().partial()).isTrue();
        // a late fragment of a released block is dropped, not evaluated alone
        evaluator.evaluate(events.get(1), alerts::add);
        assertThat(alerts).hasSize(1);
        assertThat(evaluator.duplicateFragments()).isEqualTo(1);
    }
}
