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
    void derivedFieldsKeepEventsOfOneShapeOnOneLayout() {
        Event.Shape shape = new Event.Shape(List.of("EventID", "Channel", "UserID"));
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Event.Builder b = Event.builder("f.evtx", "record " + i, shape, new Object[] {"4104", "PS", "S-1-5-" + i})
                    .derive("UserSid", "S-1-5-" + i).derive("User", "S-1-5-" + i);
            events.add(b.build());
        }
        Event.Builder read = Event.builder("f.evtx", "record 9", shape, new Object[] {"4104", "PS", "S-1-5-9"})
                .put("UserSid", "read"); // the same name read from the source is another layout
        Event other = read.build();

        for (int i = 0; i < 3; i++) {
            Event e = events.get(i);
            assertThat(e.fieldCount()).isEqualTo(5);
            assertThat(e.get("UserSid")).isEqualTo("S-1-5-" + i);
            assertThat(e.string(FieldTable.slot("User"))).isEqualTo("S-1-5-" + i);
            assertThat(e.isDerived(3)).isTrue();
            assertThat(e.isDerived(2)).isFalse();
        }
        assertThat(other.isDerived(3)).isFalse();
        assertThat(other.get("UserSid")).isEqualTo("read");
        assertThat(other.has("User")).isFalse();
        assertThat(events.get(0).raw()).isEqualTo("4104\nPS\nS-1-5-0\n");
    }

    @Test
    void turningAReadFieldIntoADerivedOneLeavesTheShape() {
        Event.Builder b = fromShape("7").derive("Channel", "Derived");
        Event e = b.build();
        Event plain = fromShape("8").build();

        assertThat(e.isDerived(1)).isTrue();
        assertThat(e.channel()).isEqualTo("Derived");
        assertThat(plain.isDerived(1)).isFalse();
        assertThat(plain.channel()).isEqualTo("Security");
    }

    @Test
    void shapesGrowOnlySoFarFromOneRoot() {
        Event.Shape shape = new Event.Shape(List.of("A"));
        for (int i = 0; i < Event.Shape.MAX_GROWN + 50; i++) {
            Event e = Event.builder("s", "line " + i, shape, new Object[] {"a"}).derive("N" + i, "v" + i).build();
            assertThat(e.get("N" + i)).isEqualTo("v" + i);
            assertThat(e.get("A")).isEqualTo("a");
            assertThat(e.has("N" + (i + 1))).isFalse();
        }
    }

    @Test
    void aBuilderFromAShapeGoesOnWithoutChangingItsEvent() {
        Event.Builder b = fromShape("4688").derive("Image", "a.exe");
        Event first = b.build();
        b.derive("Image", "b.exe").put("EventID", "1").derive("User", "u");
        Event second = b.build();

        assertThat(first.get("Image")).isEqualTo("a.exe");
        assertThat(first.eventId()).isEqualTo(4688);
        assertThat(first.has("User")).isFalse();
        assertThat(second.get("Image")).isEqualTo("b.exe");
        assertThat(second.eventId()).isEqualTo(1);
        assertThat(second.get("User")).isEqualTo("u");
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
