package io.vigil.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.EventType;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * BR-29: JSON formats: Winlogbeat nesting, ECS only, dotted flat keys (chainsaw issues 95 and 227,
 * SigmaHQ/sigma issue 665, confluent-sigma PR 12, velociraptor PR 4049). Every shape normalises to
 * the canonical names and matches; winlog.event_data is preferred over the ECS copy.
 */
class Br29JsonShapesTest {
    private static ConformanceCase brCase;

    @BeforeAll
    static void loadCase() {
        brCase = ConformanceCase.load("BR-29");
    }

    @TestFactory
    Stream<DynamicNode> followsTheTruthTable() {
        return brCase.truthTable();
    }

    /** expected.normalized_event0: the Winlogbeat document in canonical names. */
    @TestFactory
    Stream<DynamicTest> normalisesTheWinlogbeatDocument() {
        return brCase.fieldTests(0, brCase.expected().get("normalized_event0"));
    }

    @Test
    void classifiesEveryShapeByItsChannelAndEventId() {
        assertThat(brCase.events()).extracting(Event::type).containsExactly(EventType.SYSMON_1, EventType.SYSMON_1,
                EventType.SECURITY_4688, EventType.SYSMON_1, EventType.SYSMON_1);
    }

    /** expected.host_identity: Computer comes from winlog.computer_name, not the agent's host.name. */
    @Test
    void takesComputerFromTheEventNotTheAgent() {
        for (int i = 0; i < brCase.events().size(); i++) {
            assertThat(brCase.event(i).get("Computer")).as(brCase.describe(i)).isEqualTo("HOST1.domain1.local");
        }
    }

    /** The note of event 4: event_data.CommandLine is preferred over the truncated process.command_line. */
    @Test
    void prefersEventDataOverTheEcsCopy() {
        assertThat(brCase.event(4).get("CommandLine")).isEqualTo("netstat -ano");
        assertThat(brCase.event(4).getAll("CommandLine")).containsExactly("netstat -ano");
    }

    /** The ECS-only document maps process.* to the canonical names. */
    @Test
    void mapsEcsOnlyFieldsToCanonicalNames() {
        Event event = brCase.event(1);
        assertThat(event.get("Image")).isEqualTo("C:\\Windows\\System32\\NETSTAT.EXE");
        assertThat(event.get("CommandLine")).isEqualTo("netstat -ano");
        assertThat(event.get("OriginalFileName")).isEqualTo("NETSTAT.EXE");
        assertThat(event.get("ParentImage")).isEqualTo("C:\\Windows\\System32\\cmd.exe");
    }

    /** The dotted flat keys read like the nested Winlogbeat document. */
    @Test
    void expandsDottedFlatKeys() {
        Event event = brCase.event(3);
        assertThat(event.get("Image")).isEqualTo("C:\\Windows\\System32\\NETSTAT.EXE");
        assertThat(event.get("CommandLine")).isEqualTo("netstat -ano");
        assertThat(event.get("Channel")).isEqualTo("Microsoft-Windows-Sysmon/Operational");
        assertThat(event.get("EventID")).isEqualTo("1");
    }
}
