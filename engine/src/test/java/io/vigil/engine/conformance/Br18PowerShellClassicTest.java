package io.vigil.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.EventType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * BR-18: PowerShell classic 400, HostApplication inside the unnamed Data[2] blob (SigmaHQ/sigma
 * issue 3635, Zircolite issue 29, chainsaw issue 131, hayabusa PR 1220, SigmaHQ/sigma PR 4519,
 * evtx issue 201). Both rule styles match; HostApplication is extracted exactly (first {@code =}
 * only, no CR) from LF (XML) and CRLF (evtx_dump JSON) input alike.
 */
class Br18PowerShellClassicTest {
    private static ConformanceCase brCase;

    @BeforeAll
    static void loadCase() {
        brCase = ConformanceCase.load("BR-18");
    }

    @TestFactory
    Stream<DynamicNode> followsTheTruthTable() {
        return brCase.truthTable();
    }

    /** expected.extracted_fields, for every event. */
    @TestFactory
    Stream<DynamicTest> extractsTheDetailsOfData2() {
        Stream<DynamicTest> tests = Stream.empty();
        for (int i = 0; i < brCase.events().size(); i++) {
            tests = Stream.concat(tests, brCase.fieldTests(i, brCase.expected().get("extracted_fields")));
        }
        return tests;
    }

    @Test
    void decodesEveryEventAsPowerShellClassic400() {
        assertThat(brCase.events()).extracting(Event::type).containsOnly(EventType.POWERSHELL_CLASSIC_400);
    }

    /** Data[2] is the third unnamed Data element (zero-based). */
    @Test
    void keepsTheThreeUnnamedDataElements() {
        for (Event event : brCase.events()) {
            List<String> data = event.getAll("Data");
            assertThat(data).as(event.toString()).hasSize(3);
            assertThat(data.get(0)).isEqualTo("Available");
            assertThat(data.get(1)).isEqualTo("None");
            assertThat(data.get(2)).startsWith("\tNewEngineState=Available").contains("\tHostApplication=powershell.exe");
        }
    }

    @Test
    void raisesAnAlertForBothRuleStylesThroughTheEvaluator() {
        for (int i = 0; i < brCase.events().size(); i++) {
            Event event = brCase.event(i);
            assertThat(brCase.evaluate("variant_A", event)).as("variant_A on event " + i).hasSize(1);
            assertThat(brCase.evaluate("variant_B", event)).as("variant_B on event " + i).hasSize(1);
        }
    }
}
