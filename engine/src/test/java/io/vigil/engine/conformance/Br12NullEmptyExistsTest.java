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
 * BR-12: null vs missing vs empty, and {@code |exists} (hayabusa PR 1782, hayabusa-evtx PR 90,
 * hayabusa PR 1800). Absent is null; {@code <Data Name="CommandLine"/>} is {@code ''}; exists is
 * presence only (an explicit JSON null is present).
 */
class Br12NullEmptyExistsTest {
    private static ConformanceCase brCase;

    @BeforeAll
    static void loadCase() {
        brCase = ConformanceCase.load("BR-12");
    }

    @TestFactory
    Stream<DynamicNode> followsTheTruthTable() {
        return brCase.truthTable();
    }

    @Test
    void decodesEveryEventAsSecurity4688() {
        assertThat(brCase.events()).extracting(Event::type).containsOnly(EventType.SECURITY_4688);
    }

    @Test
    void readsAnEmptyDataElementAsTheEmptyString() {
        Event event = brCase.event(0);
        assertThat(event.has("CommandLine")).isTrue();
        assertThat(event.isNull("CommandLine")).isFalse();
        assertThat(event.get("CommandLine")).isEmpty();
    }

    @Test
    void leavesAMissingDataElementAbsent() {
        Event event = brCase.event(1);
        assertThat(event.has("CommandLine")).isFalse();
        assertThat(event.isNull("CommandLine")).isFalse();
        assertThat(event.getAll("CommandLine")).isEmpty();
    }

    @Test
    void readsAValuedDataElementAsItsText() {
        assertThat(brCase.event(2).get("CommandLine")).isEqualTo("net session");
    }

    @Test
    void keepsAnExplicitJsonNullPresentButNull() {
        Event event = brCase.event(3);
        assertThat(event.has("CommandLine")).isTrue();
        assertThat(event.isNull("CommandLine")).isTrue();
        assertThat(event.get("CommandLine")).isNull();
        assertThat(event.getAll("CommandLine")).isEmpty();
    }
}
