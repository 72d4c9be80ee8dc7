package io.vigil.connectors.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FieldTableTest {
    @Test
    void hostileFieldNamesCannotGrowTheTableWithoutBound() {
        int ruleSlot = FieldTable.slot("CommandLine");
        for (int i = 0; i < FieldTable.MAX_EVENT_SLOTS + 1000; i++) {
            Event.builder("test", "record " + i).put("junk-" + i, "x").build();
        }
        assertThat(FieldTable.size()).isLessThanOrEqualTo(FieldTable.MAX_EVENT_SLOTS);
        // past the cap, events still carry their fields by name, and known slots still work
        Event e = Event.builder("test", "last").put("junk-beyond-cap", "y").put("CommandLine", "net use").build();
        assertThat(e.get("junk-beyond-cap")).isEqualTo("y");
        assertThat(e.string(ruleSlot)).isEqualTo("net use");
        // a rule field interned after the cap still gets its slot
        assertThat(FieldTable.slot("SomeRuleField")).isGreaterThanOrEqualTo(0);
    }
}
