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
 * BR-28: EventID as a number, a string and an evtx_dump {@code #text}, hex strings (chainsaw issue
 * 19, SigmaHQ/sigma issue 6215, velociraptor-sigma-rules PR 66). Every EventID form equals 4688;
 * hex is kept as a string and compared case-insensitively; 999 is not {@code '0x3e7'}.
 */
class Br28ValueTypesTest {
    private static ConformanceCase brCase;

    @BeforeAll
    static void loadCase() {
        brCase = ConformanceCase.load("BR-28");
    }

    @TestFactory
    Stream<DynamicNode> followsTheTruthTable() {
        return brCase.truthTable();
    }

    /** JSON number, JSON string and evtx_dump {"#text": 4688} all read as the text 4688. */
    @Test
    void readsEveryEventIdFormAsTheSameText() {
        for (int i = 0; i < 3; i++) {
            Event event = brCase.event(i);
            assertThat(event.get("EventID")).as(brCase.describe(i)).isEqualTo("4688");
            assertThat(event.eventId()).as(brCase.describe(i)).isEqualTo(4688);
            assertThat(event.type()).as(brCase.describe(i)).isEqualTo(EventType.SECURITY_4688);
        }
        assertThat(brCase.event(3).type()).isEqualTo(EventType.SECURITY_4688);
        assertThat(brCase.event(4).eventId()).isEqualTo(4689);
        assertThat(brCase.event(4).type()).isEqualTo(EventType.OTHER);
    }

    /** Nothing is coerced: hex stays hex in its own case, and a number stays a decimal number. */
    @Test
    void keepsLogonIdsAsTheyWereWritten() {
        assertThat(brCase.event(0).get("SubjectLogonId")).isEqualTo("0x3e7");
        assertThat(brCase.event(1).get("SubjectLogonId")).isEqualTo("0x3E7");
        assertThat(brCase.event(2).get("SubjectLogonId")).isEqualTo("0x3e7");
        assertThat(brCase.event(3).get("SubjectLogonId")).isEqualTo("999");
    }
}
