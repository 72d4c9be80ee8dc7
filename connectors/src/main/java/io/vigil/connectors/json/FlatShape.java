package io.vigil.connectors.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.Fields;
import io.vigil.connectors.normalize.EventNormalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Flat JSON: NXLog {@code im_msvistalog} (as in the OTRF/Mordor data sets) and JSON already in
 * canonical names (as in the conformance cases). The System fields are found under these keys,
 * the first present one winning:
 *
 * <ul>
 *   <li>EventID: {@code EventID}; Channel: {@code Channel}</li>
 *   <li>Provider: {@code Provider_Name}, {@code ProviderName}, {@code SourceName}, {@code Provider}</li>
 *   <li>Computer: {@code Computer}, else {@code Hostname} (Logstash's {@code host} is the transport)</li>
 *   <li>EventRecordID: {@code EventRecordID}, else {@code RecordNumber}</li>
 *   <li>TimeCreated: {@code TimeCreated}, else NXLog {@code EventTime} made UTC (see
 *       {@link NxlogTime}), else {@code @timestamp}</li>
 *   <li>Opcode: {@code OpcodeValue} (NXLog's {@code Opcode} is the rendered name), ProcessID:
 *       {@code ExecutionProcessID}; Version, Level, Task, Keywords, ThreadID, UserID, ActivityID,
 *       RelatedActivityID, ProviderGuid under their names.</li>
 * </ul>
 *
 * Every other key that is not collector metadata ({@link #METADATA}) is EventData, taken
 * literally. NXLog's rendered {@code Message} is not a field; it only stands in for the Data of a
 * Windows PowerShell 400 event.
 */
final class FlatShape {
    /** Keys added by NXLog, Logstash and Beats that are not part of the Windows event. */
    static final Set<String> METADATA = new LinkedHashSet<>(List.of(
            "@timestamp", "@version", "host", "port", "tags", "type", "agent", "ecs", "log", "input",
            "EventReceivedTime", "SourceModuleName", "SourceModuleType", "EventType", "Severity", "SeverityValue",
            "Category", "Opcode", "Message", "message", "ERROR_EVT_UNRESOLVED", "AccountName", "AccountType",
            "Domain", "EventTime", "EventTimeWritten"));

    private static final String[][] SYSTEM = {
            {Fields.EVENT_ID, "EventID"},
            {Fields.CHANNEL, "Channel"},
            {Fields.PROVIDER, "Provider_Name", "ProviderName", "SourceName", "Provider"},
            {Fields.COMPUTER, "Computer", "Hostname"},
            {Fields.TIME_CREATED, "TimeCreated", "SystemTime"},
            {Fields.EVENT_RECORD_ID, "EventRecordID", "RecordNumber"},
            {"Version", "Version"},
            {"Level", "Level"},
            {"Task", "Task"},
            {"Opcode", "OpcodeValue", "Opcode"},
            {"Keywords", "Keywords"},
            {"ProcessID", "ProcessID", "ExecutionProcessID"},
            {"ThreadID", "ThreadID", "ExecutionThreadID"},
            {Fields.USER_ID, "UserID"},
            {"ActivityID", "ActivityID"},
            {"RelatedActivityID", "RelatedActivityID"},
            {"ProviderGuid", "ProviderGuid", "Provider_Guid"},
    };

    private FlatShape() {
    }

    static Event decode(ObjectNode root, String source, String position) {
        Event.Builder b = Event.builder(source, position);
        Set<String> used = new LinkedHashSet<>();
        for (String[] system : SYSTEM) {
            for (int i = 1; i < system.length; i++) {
                JsonNode node = root.get(system[i]);
                if (node != null && usable(system[0], node)) {
                    used.add(system[i]);
                    if (!b.has(system[0])) {
                        b.put(system[0], system[0].equals(Fields.TIME_CREATED) ? time(node) : JsonValues.text(node));
                    }
                }
            }
            if (system[0].equals(Fields.TIME_CREATED) && !b.has(Fields.TIME_CREATED)) {
                String time = NxlogTime.utc(JsonValues.text(root.get("EventTime")),
                        JsonValues.text(root.get("EventReceivedTime")), JsonValues.text(root.get("@timestamp")));
                if (time == null) {
                    time = JsonValues.text(root.get("@timestamp"));
                }
                if (time != null) {
                    b.put(Fields.TIME_CREATED, time);
                }
            }
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String name = field.getKey();
            if (used.contains(name) || METADATA.contains(name)) {
                continue;
            }
            JsonValues.put(b, name, field.getValue());
        }
        JsonNode message = root.has("Message") ? root.get("Message") : root.get("message");
        String text = JsonValues.text(message);
        return text == null ? EventNormalizer.normalize(b) : EventNormalizer.normalize(b, text);
    }

    /** Provider may be an evtx_dump-like object; only its scalar forms count here. */
    private static boolean usable(String field, JsonNode node) {
        return node.isValueNode() || field.equals(Fields.TIME_CREATED) || node.has(JsonValues.TEXT);
    }

    /** TimeCreated as a string, or as {@code {"SystemTime": …}} / {@code {"#attributes": {"SystemTime": …}}}. */
    private static String time(JsonNode node) {
        if (node.isObject()) {
            return JsonValues.text(JsonValues.attribute(node, "SystemTime"));
        }
        return JsonValues.text(node);
    }
}
