package io.vigil.connectors.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.Fields;
import io.vigil.connectors.normalize.EventNormalizer;
import java.util.List;
import java.util.Map;

/**
 * Winlogbeat 7/8 documents ({@code winlog.*}) and ECS-only documents.
 *
 * <p>System fields come from {@code winlog.event_id} (else {@code event.code}),
 * {@code winlog.channel}, {@code winlog.provider_name} (else {@code event.provider}),
 * {@code winlog.computer_name}, {@code winlog.record_id}, {@code winlog.time_created} (else
 * {@code @timestamp}) and the other {@code winlog} System keys. EventData is
 * {@code winlog.event_data} and {@code winlog.user_data}; the ECS copies Winlogbeat adds
 * ({@code process.command_line}, …) are then ignored, because they may be truncated or differ.
 * A document without event_data or user_data maps its ECS fields to canonical names instead
 * (see {@link #ECS}), and takes Computer from {@code host.name}.
 */
final class WinlogbeatShape {
    /** ECS field → canonical field, for documents without winlog.event_data. */
    private static final List<String[]> ECS = List.of(
            new String[] {"process.executable", Fields.IMAGE},
            new String[] {"process.command_line", Fields.COMMAND_LINE},
            new String[] {"process.pe.original_file_name", Fields.ORIGINAL_FILE_NAME},
            new String[] {"process.parent.executable", Fields.PARENT_IMAGE},
            new String[] {"process.parent.command_line", Fields.PARENT_COMMAND_LINE},
            new String[] {"process.pid", "ProcessId"},
            new String[] {"process.entity_id", "ProcessGuid"},
            new String[] {"process.working_directory", "CurrentDirectory"},
            new String[] {"process.parent.pid", "ParentProcessId"},
            new String[] {"process.parent.entity_id", "ParentProcessGuid"},
            new String[] {"powershell.file.script_block_text", Fields.SCRIPT_BLOCK_TEXT},
            new String[] {"powershell.file.script_block_id", Fields.SCRIPT_BLOCK_ID},
            new String[] {"powershell.sequence", Fields.MESSAGE_NUMBER},
            new String[] {"powershell.total", Fields.MESSAGE_TOTAL});

    private WinlogbeatShape() {
    }

    /** True for documents with a {@code winlog} object or ECS process/event/powershell objects. */
    static boolean accepts(ObjectNode root) {
        if (root.path("winlog").isObject()) {
            return true;
        }
        boolean ecs = root.path("process").isObject() || root.path("powershell").isObject()
                || root.path("event").path("code").isValueNode();
        return ecs && !root.has("EventID") && !root.has("Channel");
    }

    static Event decode(ObjectNode root, String source, String position) {
        Event.Builder b = Event.builder(source, position);
        JsonNode winlog = root.path("winlog");
        system(b, Fields.EVENT_ID, winlog.get("event_id"), JsonValues.path(root, "event.code"));
        system(b, Fields.CHANNEL, winlog.get("channel"), null);
        system(b, Fields.PROVIDER, winlog.get("provider_name"), JsonValues.path(root, "event.provider"));
        JsonNode eventData = winlog.get("event_data");
        JsonNode userData = winlog.get("user_data");
        boolean ecsOnly = !isObject(eventData) && !isObject(userData);
        system(b, Fields.COMPUTER, winlog.get("computer_name"), ecsOnly ? JsonValues.path(root, "host.name") : null);
        system(b, Fields.TIME_CREATED, winlog.get("time_created"), root.get("@timestamp"));
        system(b, Fields.EVENT_RECORD_ID, winlog.get("record_id"), null);
        system(b, "Version", winlog.get("version"), null);
        system(b, "ProcessID", JsonValues.path(winlog, "process.pid"), null);
        system(b, "ThreadID", JsonValues.path(winlog, "process.thread.id"), null);
        system(b, Fields.USER_ID, JsonValues.path(winlog, "user.identifier"), null);
        system(b, "ActivityID", winlog.get("activity_id"), null);
        system(b, "RelatedActivityID", winlog.get("related_activity_id"), null);
        system(b, "ProviderGuid", winlog.get("provider_guid"), null);
        if (isObject(eventData)) {
            for (Map.Entry<String, JsonNode> field : eventData.properties()) {
                JsonValues.put(b, field.getKey(), field.getValue());
            }
        }
        if (isObject(userData)) {
            JsonValues.putLeaves(b, userData);
        }
        if (ecsOnly) {
            ecs(b, root);
        }
        String message = JsonValues.text(root.get("message"));
        return message == null ? EventNormalizer.normalize(b) : EventNormalizer.normalize(b, message);
    }

    private static void ecs(Event.Builder b, ObjectNode root) {
        for (String[] mapping : ECS) {
            JsonNode node = JsonValues.path(root, mapping[0]);
            if (node != null && !b.has(mapping[1])) {
                JsonValues.put(b, mapping[1], node);
            }
        }
        if (root.path("powershell").isObject()) {
            JsonNode path = JsonValues.path(root, "file.path");
            if (path != null && !b.has(Fields.PATH)) {
                JsonValues.put(b, Fields.PATH, path);
            }
        }
        String name = JsonValues.text(JsonValues.path(root, "user.name"));
        String domain = JsonValues.text(JsonValues.path(root, "user.domain"));
        if (name != null && !b.has(Fields.USER)) {
            b.put(Fields.USER, domain == null || domain.isEmpty() ? name : domain + "\\" + name);
        }
    }

    private static void system(Event.Builder b, String name, JsonNode node, JsonNode fallback) {
        JsonNode value = node != null && !node.isNull() ? node : fallback;
        if (value != null && !b.has(name)) {
            b.put(name, JsonValues.text(value));
        }
    }

    private static boolean isObject(JsonNode node) {
        return node != null && node.isObject();
    }
}
