package io.vigil.connectors.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vigil.connectors.event.Event;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an event as one flat JSON object in canonical names: its fields in order, null as
 * {@code null}, multi-valued fields as arrays of strings, and last {@code "_vigil_derived"}: the
 * names of the fields normalisation derived. {@link JsonEventDecoder} reads this form back as it
 * is (without normalising again), so the decoded event has the same fields, values, order and
 * derived flags. Replay publishes this form to Kafka. Thread-safe.
 */
public final class EventJsonWriter {
    private EventJsonWriter() {
    }

    /** The event as UTF-8 JSON, without a trailing line break. */
    public static byte[] write(Event event) {
        requireNonNull(event, "event is null");
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = JsonValues.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            List<String> derived = new ArrayList<>();
            for (int i = 0; i < event.fieldCount(); i++) {
                String name = event.fieldName(i);
                if (name.equals(CanonicalShape.DERIVED)) {
                    continue;
                }
                json.writeFieldName(name);
                Object value = event.fieldValue(i);
                if (value == null) {
                    json.writeNull();
                } else if (value instanceof String[]) {
                    json.writeStartArray();
                    for (String s : (String[]) value) {
                        json.writeString(s);
                    }
                    json.writeEndArray();
                } else {
                    json.writeString((String) value);
                }
                if (event.isDerived(i)) {
                    derived.add(name);
                }
            }
            json.writeArrayFieldStart(CanonicalShape.DERIVED);
            for (String name : derived) {
                json.writeString(name);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to memory", e);
        }
        return out.toByteArray();
    }
}
