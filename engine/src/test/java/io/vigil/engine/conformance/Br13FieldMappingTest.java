package io.vigil.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.compiler.predicate.CompiledRule;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.EventType;
import io.vigil.engine.alert.Alert;
import io.vigil.engine.eval.Evaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * BR-13: field mapping of Security 4688 vs Sysmon 1 (SigmaHQ/sigma PR 2865, PR 2242). The rule
 * matches on both sources; Sysmon-only fields are false on 4688, with no fallback and no error.
 */
class Br13FieldMappingTest {
    private static ConformanceCase brCase;

    @BeforeAll
    static void loadCase() {
        brCase = ConformanceCase.load("BR-13");
    }

    @TestFactory
    Stream<DynamicNode> followsTheTruthTable() {
        return brCase.truthTable();
    }

    /** expected.normalized_fields_event0: the canonical names of the 4688 event. */
    @TestFactory
    Stream<DynamicTest> normalisesThe4688Fields() {
        return brCase.fieldTests(0, brCase.expected().get("normalized_fields_event0"));
    }

    @Test
    void decodesTheXmlEventAsSecurity4688AndTheJsonEventAsSysmon1() {
        assertThat(brCase.event(0).type()).isEqualTo(EventType.SECURITY_4688);
        assertThat(brCase.event(0).eventId()).isEqualTo(4688);
        assertThat(brCase.event(0).channel()).isEqualTo("Security");
        assertThat(brCase.event(1).type()).isEqualTo(EventType.SYSMON_1);
        assertThat(brCase.event(1).eventId()).isEqualTo(1);
    }

    /** The note of event 0: ParentCommandLine does not exist in 4688 and must not fall back to CommandLine. */
    @Test
    void addsNoSysmonOnlyFieldsTo4688() {
        Event event = brCase.event(0);
        assertThat(event.has("ParentCommandLine")).isFalse();
        assertThat(event.has("OriginalFileName")).isFalse();
        assertThat(event.get("NewProcessName")).isEqualTo(event.get("Image"));
        assertThat(event.get("ParentProcessName")).isEqualTo(event.get("ParentImage"));
    }

    @Test
    void raisesOneAlertPerSourceThroughTheEvaluator() {
        Evaluator evaluator = new Evaluator(List.of(brCase.rule(ConformanceCase.CONDITION)), true);
        List<Alert> alerts = new ArrayList<>();
        for (Event event : brCase.events()) {
            evaluator.evaluate(event, alerts::add);
        }
        evaluator.finish(alerts::add);
        assertThat(alerts).extracting(alert -> alert.event().type())
                .containsExactly(EventType.SECURITY_4688, EventType.SYSMON_1);
    }

    /** The same predicate under a narrower events clause only sees events of that type. */
    @Test
    void routesEachEventOnlyToRulesForItsType() {
        CompiledRule condition = brCase.rule(ConformanceCase.CONDITION);
        Evaluator evaluator = new Evaluator(List.of(withEvents(condition, "sysmon:1"),
                withEvents(condition, "security:4688")), true);
        List<Alert> alerts = new ArrayList<>();
        evaluator.evaluate(brCase.event(0), alerts::add);
        assertThat(alerts).extracting(alert -> alert.rule().id()).containsExactly("BR-13/condition@security:4688");
        alerts.clear();
        evaluator.evaluate(brCase.event(1), alerts::add);
        assertThat(alerts).extracting(alert -> alert.rule().id()).containsExactly("BR-13/condition@sysmon:1");
    }

    private static CompiledRule withEvents(CompiledRule rule, String eventType) {
        return new CompiledRule(rule.id() + "@" + eventType, rule.title(), rule.description(), rule.level(),
                rule.attack(), rule.author(), rule.source(), rule.deviations(), List.of(eventType), rule.predicate(),
                rule.aggregation(), rule.position());
    }
}
