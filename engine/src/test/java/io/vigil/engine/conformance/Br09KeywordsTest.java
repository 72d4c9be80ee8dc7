package io.vigil.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.EventType;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * BR-09: keyword lists, {@code all of} and {@code |all} (go-sigma-rule-engine issue 25,
 * SigmaHQ/pySigma issue 97, SigmaHQ/sigma PR 3952). A plain list is an OR even under
 * {@code all of}; {@code '|all'} is an AND; keywords search every field ({@code _raw}).
 */
class Br09KeywordsTest {
    private static ConformanceCase brCase;

    @BeforeAll
    static void loadCase() {
        brCase = ConformanceCase.load("BR-09");
    }

    @TestFactory
    Stream<DynamicNode> followsTheTruthTable() {
        return brCase.truthTable();
    }

    @Test
    void decodesEveryEventAsPowerShell4104() {
        assertThat(brCase.events()).extracting(Event::type).containsOnly(EventType.POWERSHELL_4104);
    }

    /** Event 3: the keyword is only in Path, which the keyword search must see. */
    @Test
    void keepsPathInTheRawText() {
        Event event = brCase.event(3);
        assertThat(event.get("ScriptBlockText")).isEqualTo("prompt");
        assertThat(event.get("Path")).isEqualTo("C:\\Users\\user1\\Get-NetSession.ps1");
        assertThat(event.raw()).contains("C:\\Users\\user1\\Get-NetSession.ps1\n");
    }
}
