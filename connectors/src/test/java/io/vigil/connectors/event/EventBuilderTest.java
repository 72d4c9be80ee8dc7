package io.vigil.connectors.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBuilderTest {
    private static final Event.Shape SHAPE = new Event.Shape(List.of("EventID", "Channel", "Computer", "Data"));

    private static Event.Builder fromShape(String eventId) {
        return Event.builder("f.evtx", "record 1", SHAPE,
                new Object[] {eventId, "Security", null, new String[] {"a", "b"}});
    }

    @Test
    void aBuilderFromAShapeHoldsItsValuesInOrder() {
        Event e = fromShape("4688").build();

        assertThat(e.fieldCount()).isEqualTo(4);
        assertThat(e.fieldName(0)).isEqualTo("EventID");
        assertThat(e.eventId()).isEqualTo(4688);
        assertThat(e.channel()).isEqualTo("Security");
        assertThat(e.has("Computer")).isTrue();
        assertThat(e.isNull("Computer")).as("null is present-but-null").isTrue();
        assertThat(e.getAll("Data")).containsExactly("a", "b");
        assertThat(e.string(FieldTable.slot("Channel"))).isEqualTo("Security");
    }

    @Test
    void changesToOneBuilderNeverReachTheShapeOrOtherEvents() {
        Event.Builder first = fromShape("1");
        first.derive("Image", "x.exe").put("Channel", "Other").remove("Data");
        Event changed = first.build();
        Event plain = fromShape("2").build();

        assertThat(changed.get("Image")).isEqualTo("x.exe");
        assertThat(changed.isDerived(changed.fieldCount() - 1)).isTrue();
        assertThat(changed.channel()).isEqualTo("Other");
        assertThat(changed.has("Data")).isFalse();
        assertThat(plain.has("Image")).isFalse();
        assertThat(plain.channel()).isEqualTo("Security");
        assertThat(plain.getAll("Data")).containsExactly("a", "b");
        assertThat(SHAPE.size()).isEqualTo(4);
    }

    @Test
    void anEventDoesNotChangeWhenItsBuilderGoesOn() {
        Event.Builder b = Event.builder("s", "line 1").put("A", "1");
        Event before = b.build();
        b.put("A", "2").put("B", "3");

        assertThat(before.get("A")).isEqualTo("1");
        assertThat(before.has("B")).isFalse();
        assertThat(b.build().get("A")).isEqualTo("2");
    }

    @Test
    void manyFieldsGrowTheIndexAndStayFindable() {
        Event.Builder b = Event.builder("s", "line 1");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            names.add("Field" + i);
            b.put("Field" + i, Integer.toString(i));
        }
        b.remove("Field7");
        Event e = b.build();

        assertThat(e.fieldCount()).isEqualTo(499);
        assertThat(e.get("Field499")).isEqualTo("499");
        assertThat(e.has("Field7")).isFalse();
        assertThat(e.get("Field8")).isEqualTo("8");
        assertThat(b.size()).isEqualTo(499);
        assertThat(b.name(7)).isEqualTo("Field8");
    }

    @Test
    void parsedHintsCountOnlyWhileTheirFieldHoldsThatText() {
        String id = "4688";
        String time = "2019-07-19T14:48:41.0506612Z";
        Instant hinted = Instant.parse("2001-01-01T00:00:00Z");
        Event kept = Event.builder("s", "p").put("EventID", id).put("TimeCreated", time)
                .parsed(id, 1, null, 0, time, hinted).build();
        Event replaced = Event.builder("s", "p").put("EventID", id).put("TimeCreated", time)
                .parsed(id, 1, null, 0, time, hinted).put("EventID", "4689").put("TimeCreated", "2020-01-01T00:00:00Z")
                .build();

        assertThat(kept.eventId()).as("the hint, trusted for that very text").isEqualTo(1);
        assertThat(kept.timeCreated()).isEqualTo(hinted);
        assertThat(replaced.eventId()).isEqualTo(4689);
        assertThat(replaced.timeCreated()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
    }

    @Test
    void shapesRejectRepeatedNamesAndBuildersRejectOtherValues() {
        assertThatThrownBy(() -> new Event.Shape(List.of("A", "B", "A")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A appears twice");
        assertThatThrownBy(() -> Event.builder("s", "p", SHAPE, new Object[] {"1", "2"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 4 values");
        assertThatThrownBy(() -> Event.builder("s", "p", SHAPE, new Object[] {"1", 2, null, null}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Channel");
    }
}
