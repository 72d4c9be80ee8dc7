package io.vigil.connectors.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.Fields;
import io.vigil.connectors.normalize.EventNormalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * evtx_dump (omerbenamram/evtx) JSON: {@code {"Event": {"#attributes": …, "System": …,
 * "EventData": …}}}, attributes under {@code #attributes} and element text under {@code #text}.
 *
 * <p>System: {@code Provider/#attributes/Name} → Provider (Guid → ProviderGuid), {@code EventID}
 * as a number, a string or {@code {"#text": 4688, "#attributes": {"Qualifiers": …}}} → EventID,
 * {@code TimeCreated/#attributes/SystemTime} → TimeCreated, {@code Execution} attributes →
 * ProcessID/ThreadID, {@code Security/#attributes/UserID} → UserID, {@code Correlation}
 * attributes → ActivityID/RelatedActivityID; other scalars under their names. EventData: each
 * key is a named item, except {@code Data}, which holds the unnamed items ({@code {"#text": […]}},
 * an array, or one value). UserData: the leaves under their names.
 */
final class EvtxDumpShape {
    private EvtxDumpShape() {
    }

    static boolean accepts(ObjectNode root) {
        JsonNode event = root.get("Event");
        return event != null && event.isObject() && (event.has("System") || event.has("EventData"));
    }

    static Event decode(ObjectNode root, String source, String position) {
        JsonNode event = root.get("Event");
        Event.Builder b = Event.builder(source, position);
        JsonNode system = event.get("System");
        if (system != null && system.isObject()) {
            system(b, system);
        }
        JsonNode eventData = event.get("EventData");
        if (eventData != null && eventData.isObject()) {
            eventData(b, eventData);
        } else if (eventData != null && !eventData.isNull()) {
            JsonValues.put(b, Fields.DATA, eventData);
        }
        JsonNode userData = event.get("UserData");
        if (userData != null && userData.isObject()) {
            JsonValues.putLeaves(b, userData);
        }
        return EventNormalizer.normalize(b);
    }

    private static void system(Event.Builder b, JsonNode system) {
        for (Map.Entry<String, JsonNode> field : system.properties()) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "Provider":
                    attribute(b, Fields.PROVIDER, value, "Name");
                    attribute(b, "ProviderGuid", value, "Guid");
                    attribute(b, "EventSourceName", value, "EventSourceName");
                    break;
                case "TimeCreated":
                    attribute(b, Fields.TIME_CREATED, value, "SystemTime");
                    break;
                case "Correlation":
                    attribute(b, "ActivityID", value, "ActivityID");
                    attribute(b, "RelatedActivityID", value, "RelatedActivityID");
                    break;
                case "Execution":
                    attribute(b, "ProcessID", value, "ProcessID");
                    attribute(b, "ThreadID", value, "ThreadID");
                    break;
                case "Security":
                    attribute(b, Fields.USER_ID, value, "UserID");
                    break;
                default:
                    if (value.isValueNode() && !value.isNull() || value.has(JsonValues.TEXT)) {
                        JsonValues.putSystem(b, field.getKey(), value);
                    }
                    break;
            }
        }
    }

    private static void eventData(Event.Builder b, JsonNode eventData) {
        for (Map.Entry<String, JsonNode> field : eventData.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals(JsonValues.ATTRIBUTES)) {
                continue;
            }
            if (name.equals(Fields.DATA)) {
                unnamed(b, value);
            } else {
                JsonValues.put(b, name, value);
            }
        }
    }

    private static void unnamed(Event.Builder b, JsonNode value) {
        JsonNode items = value.isObject() && value.has(JsonValues.TEXT) ? value.get(JsonValues.TEXT) : value;
        List<String> values;
        if (items.isArray()) {
            values = new ArrayList<>();
            for (JsonNode item : items) {
                String text = JsonValues.text(item);
                values.add(text == null ? "" : text);
            }
        } else {
            String text = JsonValues.text(items);
            values = List.of(text == null ? "" : text);
        }
        b.putAll(JsonValues.unique(b, Fields.DATA), values);
    }

    private static void attribute(Event.Builder b, String name, JsonNode element, String attribute) {
        JsonNode value = JsonValues.attribute(element, attribute);
        if (value != null && !b.has(name)) {
            b.put(name, JsonValues.text(value));
        }
    }
}
