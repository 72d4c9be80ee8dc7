package io.vigil.connectors.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.connectors.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How JSON values become event values, the same for every shape: strings literally; numbers as
 * their decimal text ({@code 4688}, {@code 1.50}); booleans as {@code true}/{@code false}; null as
 * a present-but-null field; an evtx_dump {@code {"#text": …, "#attributes": …}} object as its
 * text; an array of scalars as a multi-valued field; anything else as its compact JSON text.
 * Hex strings such as {@code "0x3e7"} stay strings: nothing is coerced.
 */
final class JsonValues {
    static final String TEXT = "#text";
    static final String ATTRIBUTES = "#attributes";

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonValues() {
    }

    /** The text of a scalar (or of an evtx_dump {@code #text} object), or null for JSON null and absent values. */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBigDecimal()) {
            return node.decimalValue().toPlainString();
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        if (node.isObject() && node.has(TEXT)) {
            JsonNode text = node.get(TEXT);
            return text.isValueNode() ? text(text) : json(text);
        }
        return json(node);
    }

    /** The scalar elements of an array as text, or null when it holds anything but scalars. */
    static List<String> list(JsonNode array) {
        List<String> values = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            if (!element.isValueNode() || element.isNull()) {
                return null;
            }
            values.add(text(element));
        }
        return values;
    }

    /** Puts a value under a name that is not yet taken (see {@link #unique}). */
    static void put(Event.Builder b, String name, JsonNode node) {
        String key = unique(b, name);
        if (node.isObject() && node.has(TEXT) && node.get(TEXT).isArray()) {
            node = node.get(TEXT);
        }
        if (node.isArray()) {
            List<String> values = list(node);
            if (values != null) {
                b.putAll(key, values);
                return;
            }
        }
        b.put(key, text(node));
    }

    /** Puts a scalar System value under its canonical name, if it is present. */
    static void putSystem(Event.Builder b, String name, JsonNode node) {
        if (node != null && !node.isMissingNode() && !b.has(name)) {
            b.put(name, text(node));
        }
    }

    /**
     * Puts the leaves of a nested object (UserData) under their own names, skipping attribute
     * objects; a leaf is a scalar, an array, or an object with {@code #text}.
     */
    static void putLeaves(Event.Builder b, JsonNode node) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals(ATTRIBUTES) || name.endsWith("_attributes") || name.equals("xml_name")) {
                continue;
            }
            if (value.isObject() && !value.has(TEXT)) {
                putLeaves(b, value);
            } else {
                put(b, name, value);
            }
        }
    }

    /** The node at a dotted path of object fields, or null. */
    static JsonNode path(JsonNode node, String dotted) {
        JsonNode current = node;
        int start = 0;
        while (current != null) {
            int dot = dotted.indexOf('.', start);
            String name = dot < 0 ? dotted.substring(start) : dotted.substring(start, dot);
            current = current.isObject() ? current.get(name) : null;
            if (dot < 0) {
                return current;
            }
            start = dot + 1;
        }
        return null;
    }

    /** The attribute of an evtx_dump element: {@code element["#attributes"][name]}, else {@code element[name]}. */
    static JsonNode attribute(JsonNode element, String name) {
        if (element == null || !element.isObject()) {
            return null;
        }
        JsonNode attributes = element.get(ATTRIBUTES);
        if (attributes != null && attributes.has(name)) {
            return attributes.get(name);
        }
        return element.get(name);
    }

    /** A name that the builder does not hold yet: the name itself, else {@code name_1}, {@code name_2}, ... */
    static String unique(Event.Builder b, String name) {
        if (!b.has(name)) {
            return name;
        }
        for (int i = 1; ; i++) {
            String candidate = name + "_" + i;
            if (!b.has(candidate)) {
                return candidate;
            }
        }
    }

    static ObjectNode asObject(JsonNode node) {
        return node != null && node.isObject() ? (ObjectNode) node : null;
    }

    private static String json(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a parsed JSON node", e);
        }
    }
}
