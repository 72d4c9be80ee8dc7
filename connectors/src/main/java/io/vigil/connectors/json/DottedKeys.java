package io.vigil.connectors.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Turns flattened Beats keys such as {@code "winlog.event_data.CommandLine": "…"} into the nested
 * form Winlogbeat writes, so both read the same. Only keys under the Beats/ECS roots are expanded:
 * a dot in an EventData name of flat NXLog JSON stays part of the name.
 */
final class DottedKeys {
    private static final Set<String> ROOTS = Set.of(
            "winlog", "event", "process", "host", "user", "powershell", "file", "agent", "ecs", "log");

    private DottedKeys() {
    }

    static void expand(ObjectNode root) {
        List<String> dotted = new ArrayList<>();
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            int dot = name.indexOf('.');
            if (dot > 0 && ROOTS.contains(name.substring(0, dot))) {
                dotted.add(name);
            }
        }
        for (String name : dotted) {
            JsonNode value = root.get(name);
            if (place(root, name, value)) {
                root.remove(name);
            }
        }
    }

    /** Sets the value at the nested path; false when a scalar is in the way. */
    private static boolean place(ObjectNode root, String dotted, JsonNode value) {
        String[] parts = dotted.split("\\.", -1);
        ObjectNode current = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = current.get(parts[i]);
            if (next == null) {
                next = current.putObject(parts[i]);
            } else if (!next.isObject()) {
                return false;
            }
            current = (ObjectNode) next;
        }
        String last = parts[parts.length - 1];
        if (!current.has(last)) {
            current.set(last, value);
        }
        return true;
    }
}
