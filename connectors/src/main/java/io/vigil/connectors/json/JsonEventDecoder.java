package io.vigil.connectors.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.connectors.DecodeException;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.internal.TextInput;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.Locale;

/**
 * Decodes one JSON record into a normalised {@link Event}, whatever its shape; the shape is
 * detected per record:
 *
 * <ol>
 *   <li>Vigil's own form, with {@code _vigil_derived} (see {@link EventJsonWriter}): read as is;</li>
 *   <li>evtx_dump, {@code {"Event": {"System": …, "EventData": …}}};</li>
 *   <li>Winlogbeat 7/8 ({@code winlog.*}) or ECS-only documents, nested or with dotted keys;</li>
 *   <li>otherwise flat JSON: NXLog/OTRF or canonical names ({@code Provider_Name}, …).</li>
 * </ol>
 *
 * Used for Kafka messages and replay; {@link JsonLinesEventReader} uses it for files. Thread-safe.
 */
public final class JsonEventDecoder {
    private JsonEventDecoder() {
    }

    /**
     * Decodes a record of UTF-8 (or BOM-marked UTF-16) JSON. Invalid UTF-8 becomes U+FFFD.
     *
     * @throws DecodeException when the bytes are not one JSON object
     */
    public static Event decode(byte[] json, String source, String position) throws DecodeException {
        requireNonNull(json, "json is null");
        int bom = TextInput.bomLength(json, json.length);
        String text;
        try {
            text = TextInput.charset(json, json.length).newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(json, bom, json.length - bom))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DecodeException(source, position, "cannot decode the bytes as text", e);
        }
        return decode(text, source, position);
    }

    /**
     * Decodes a record of JSON text.
     *
     * @throws DecodeException when the text is not one JSON object
     */
    public static Event decode(String json, String source, String position) throws DecodeException {
        requireNonNull(json, "json is null");
        requireNonNull(source, "source is null");
        requireNonNull(position, "position is null");
        if (json.isBlank()) {
            throw new DecodeException(source, position, "empty record");
        }
        JsonNode root;
        try {
            root = JsonValues.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new DecodeException(source, position, "malformed JSON: " + describe(e), e);
        }
        if (root == null || !root.isObject()) {
            throw new DecodeException(source, position,
                    "record is a JSON " + (root == null ? "nothing" : root.getNodeType().name().toLowerCase(Locale.ROOT))
                            + ", not an object");
        }
        return decode((ObjectNode) root, source, position);
    }

    static Event decode(ObjectNode root, String source, String position) {
        if (CanonicalShape.accepts(root)) {
            return CanonicalShape.decode(root, source, position);
        }
        if (EvtxDumpShape.accepts(root)) {
            return EvtxDumpShape.decode(root, source, position);
        }
        DottedKeys.expand(root);
        if (WinlogbeatShape.accepts(root)) {
            return WinlogbeatShape.decode(root, source, position);
        }
        return FlatShape.decode(root, source, position);
    }

    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            message += " (line " + location.getLineNr() + ", column " + location.getColumnNr() + " of the record)";
        }
        return message;
    }
}
