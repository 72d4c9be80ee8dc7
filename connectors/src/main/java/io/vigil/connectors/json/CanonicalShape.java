package io.vigil.connectors.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.connectors.event.Event;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Vigil's own flat form, written by {@link EventJsonWriter}: the fields of a normalised event in
 * order, and {@code "_vigil_derived": [names]} listing the derived ones. It is read back as it
 * is, without normalising again, so an event survives the round trip unchanged.
 */
final class CanonicalShape {
    static final String DERIVED = "_vigil_derived";

    private CanonicalShape() {
    }

    static boolean accepts(ObjectNode root) {
        return root.path(DERIVED).isArray();
    }

    static Event decode(ObjectNode root, String source, String position) {
        Set<String> derived = new HashSet<>();
        for (JsonNode name : root.get(DERIVED)) {
            derived.add(name.asText());
        }
        Event.Builder b = Event.builder(source, position);
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String name = field.getKey();
            if (name.equals(DERIVED)) {
                continue;
            }
            JsonNode value = field.getValue();
            boolean isDerived = derived.contains(name);
            List<String> list = value.isArray() ? JsonValues.list(value) : null;
            if (list != null) {
                if (isDerived) {
                    b.deriveAll(name, list);
                } else {
                    b.putAll(name, list);
                }
            } else if (isDerived) {
                b.derive(name, JsonValues.text(value));
            } else {
                b.put(name, JsonValues.text(value));
            }
        }
        return b.build();
    }
}
