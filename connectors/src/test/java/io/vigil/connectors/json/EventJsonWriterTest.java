package io.vigil.connectors.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.connectors.EventReaders;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.normalize.EventNormalizer;
import io.vigil.connectors.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventJsonWriterTest {
    @Test
    void writesAFlatCanonicalObject() {
        Event event = EventNormalizer.normalize(Event.builder("f", "line 1")
                .put("EventID", "4688")
                .put("Channel", "Security")
                .put("NewProcessName", null)
                .putAll("Data", List.of("a", "b")));

        String json = new String(EventJsonWriter.write(event), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"EventID\":\"4688\",\"Channel\":\"Security\",\"NewProcessName\":null,"
                + "\"Data\":[\"a\",\"b\"],\"Image\":null,\"_vigil_derived\":[\"Image\"]}");
    }

    @Test
    void roundTripsEventsOfEveryShape() throws Exception {
        Path data = SharedData.root().resolve("data");
        List<Path> files = EventReaders.listFiles(data.resolve("otrf-security-datasets"), data.resolve("sigma-regression"));
        int checked = 0;
        for (Path file : files) {
            if (file.toString().endsWith(".evtx")) {
                continue;
            }
            for (Event event : SharedData.readAll(EventReaders.open(file, new SharedData.Errors()))) {
                assertRoundTrip(event);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(580 + 3 + 666 + 1 + 110 + 3);
    }

    @Test
    void roundTripsDerivedNullsMultiValuedAndControlCharacters() throws Exception {
        Event event = EventNormalizer.normalize(Event.builder("f", "line 1")
                .put("EventID", "400")
                .put("Channel", "Windows PowerShell")
                .put("Odd", "\u0000\u0003\r\n\"\\\u202e")
                .put("Nothing", null)
                .putAll("Empty", List.of()), "Details: \n\tHostApplication=pwsh");
        assertRoundTrip(event);

        Event decoded = JsonEventDecoder.decode(EventJsonWriter.write(event), "f", "line 1");
        assertThat(decoded.get("HostApplication")).isEqualTo("pwsh");
        assertThat(decoded.raw()).isEqualTo(event.raw());
    }

    private static void assertRoundTrip(Event event) throws Exception {
        Event decoded = JsonEventDecoder.decode(EventJsonWriter.write(event), event.source(), event.position());

        assertThat(decoded.type()).isEqualTo(event.type());
        assertThat(decoded.fieldCount()).as(event.toString()).isEqualTo(event.fieldCount());
        for (int i = 0; i < event.fieldCount(); i++) {
            assertThat(decoded.fieldName(i)).isEqualTo(event.fieldName(i));
            assertThat(decoded.isDerived(i)).as(event.fieldName(i)).isEqualTo(event.isDerived(i));
            Object expected = event.fieldValue(i);
            Object actual = decoded.fieldValue(i);
            if (expected instanceof String[]) {
                assertThat(Arrays.asList((String[]) actual)).isEqualTo(Arrays.asList((String[]) expected));
            } else {
                assertThat(actual).as(event.fieldName(i)).isEqualTo(expected);
            }
        }
        assertThat(decoded.timeCreated()).isEqualTo(event.timeCreated());
        assertThat(decoded.recordId()).isEqualTo(event.recordId());
    }
}
