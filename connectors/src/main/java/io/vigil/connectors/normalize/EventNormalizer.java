package io.vigil.connectors.normalize;

import static java.util.Objects.requireNonNull;

import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.EventType;
import io.vigil.connectors.event.Fields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one place where the structural quirks of the target event types are turned into canonical
 * fields (see "Canonical field names and raw-event mapping" in {@code rules-reference/NORMALIZED.md}).
 *
 * <p>Readers decode their format into an {@link Event.Builder}: the System fields under the
 * canonical names {@code EventID, Channel, Provider, Computer, TimeCreated, EventRecordID} (others
 * under their own names: {@code Version, Level, Task, Opcode, Keywords, ProcessID, ThreadID,
 * UserID, ...}), the named EventData/UserData items under their names, and the unnamed
 * {@code <Data>} elements as the multi-valued field {@code Data}. This class then adds the canonical
 * fields as <em>derived</em> fields, which never replace a field read from the source:
 *
 * <ul>
 *   <li>Security 4688: {@code Image, ParentImage, User, UserSid} from {@code NewProcessName,
 *       ParentProcessName, SubjectDomainName\SubjectUserName, SubjectUserSid}.</li>
 *   <li>Sysmon 1: {@code UserSid} for the built-in service accounts only.</li>
 *   <li>PowerShell 4103: the keys of {@code ContextInfo} ({@code HostApplication, CommandName, User,
 *       ...}) and {@code UserSid} from the System UserID.</li>
 *   <li>PowerShell 4104: {@code UserSid} and {@code User} from the System UserID.</li>
 *   <li>Windows PowerShell 400: {@code Data} from {@code param1..n} or the rendered message when
 *       the source has no unnamed Data, and the keys of the details block in {@code Data[2]}.</li>
 * </ul>
 *
 * Missing, null and empty stay distinct: a derived field is absent when its source is absent,
 * null when the source is null, and empty when the source is empty.
 */
public final class EventNormalizer {
    /** ContextInfo keys of 4103 that become fields (blanks removed). */
    private static final List<String> CONTEXT_INFO_KEYS = List.of(
            "Host Application", "Command Name", "Command Type", "Script Name", "Command Path", "User",
            "Connected User", "Shell ID", "Engine Version", "Runspace ID", "Pipeline ID", "Host Name",
            "Host Version", "Host ID", "Sequence Number");

    /** Details keys of 400 that become fields. */
    private static final List<String> ENGINE_DETAIL_KEYS = List.of(
            "HostApplication", "NewEngineState", "PreviousEngineState", "SequenceNumber", "HostName",
            "HostVersion", "HostId", "EngineVersion", "RunspaceId", "PipelineId", "CommandName", "CommandType",
            "ScriptName", "CommandPath", "CommandLine");

    private EventNormalizer() {
    }

    /** Adds the canonical fields to an event decoded from a source without a rendered message. */
    public static Event normalize(Event.Builder event) {
        return normalize(event, null, false);
    }

    /**
     * Adds the canonical fields to an event whose source also carries the rendered message (NXLog
     * {@code Message}, Winlogbeat {@code message}). The message is not a field of the event; it only
     * stands in for the unnamed Data of a Windows PowerShell 400 event that has none.
     */
    public static Event normalize(Event.Builder event, String renderedMessage) {
        return normalize(event, requireNonNull(renderedMessage, "renderedMessage is null"), true);
    }

    private static Event normalize(Event.Builder b, String message, boolean hasMessage) {
        requireNonNull(b, "event is null");
        EventType type = EventType.classify(b.single(Fields.CHANNEL), b.single(Fields.PROVIDER),
                b.eventId());
        Event.Builder normalized = switch (type) {
            case SECURITY_4688 -> security4688(b);
            case SYSMON_1 -> sysmon1(b);
            case POWERSHELL_4103 -> powerShell4103(b);
            case POWERSHELL_4104 -> powerShell4104(b);
            case POWERSHELL_CLASSIC_400 -> powerShell400(b, message, hasMessage);
            case OTHER -> b;
        };
        return normalized.type(type).build();
    }

    private static Event.Builder security4688(Event.Builder b) {
        copy(b, "NewProcessName", Fields.IMAGE);
        copy(b, "ParentProcessName", Fields.PARENT_IMAGE);
        copy(b, "SubjectUserSid", Fields.USER_SID);
        if (!b.has(Fields.USER) && b.has("SubjectUserName")) {
            String name = b.single("SubjectUserName");
            String domain = b.single("SubjectDomainName");
            if (name == null) {
                b.derive(Fields.USER, null);
            } else {
                b.derive(Fields.USER, domain == null || domain.isEmpty() ? name : domain + "\\" + name);
            }
        }
        return b;
    }

    private static Event.Builder sysmon1(Event.Builder b) {
        String user = b.single(Fields.USER);
        if (user != null && !b.has(Fields.USER_SID)) {
            String sid = WellKnownAccounts.sid(user);
            if (sid != null) {
                b.derive(Fields.USER_SID, sid);
            }
        }
        return b;
    }

    private static Event.Builder powerShell4103(Event.Builder b) {
        String contextInfo = b.single(Fields.CONTEXT_INFO);
        if (contextInfo != null) {
            deriveAbsent(b, ContextInfo.parse(contextInfo), CONTEXT_INFO_KEYS);
        }
        copy(b, Fields.USER_ID, Fields.USER_SID);
        return b;
    }

    private static Event.Builder powerShell4104(Event.Builder b) {
        copy(b, Fields.USER_ID, Fields.USER_SID);
        copy(b, Fields.USER_ID, Fields.USER);
        return b;
    }

    private static Event.Builder powerShell400(Event.Builder b, String message, boolean hasMessage) {
        List<String> data = b.list(Fields.DATA);
        String details = data.size() > 2 ? data.get(2) : null;
        if (!b.has(Fields.DATA)) {
            List<String> params = params(b);
            if (!params.isEmpty()) {
                b.deriveAll(Fields.DATA, params);
                details = params.size() > 2 ? params.get(2) : null;
            } else if (hasMessage) {
                b.deriveAll(Fields.DATA, List.of(message));
                details = message;
            }
        }
        if (details != null) {
            deriveAbsent(b, EngineDetails.parse(details), ENGINE_DETAIL_KEYS);
        }
        return b;
    }

    /** Derives each wanted key (blanks removed from its name) that the source does not carry itself. */
    private static void deriveAbsent(Event.Builder b, Map<String, String> parsed, List<String> wanted) {
        for (String key : wanted) {
            String value = parsed.get(key);
            String name = key.replace(" ", "");
            if (value != null && !b.has(name)) {
                b.derive(name, value);
            }
        }
    }

    /** Winlogbeat and NXLog name unnamed Data elements param1, param2, ... */
    private static List<String> params(Event.Builder b) {
        List<String> params = new ArrayList<>();
        for (int i = 1; ; i++) {
            String value = b.single("param" + i);
            if (value == null) {
                return params;
            }
            params.add(value);
        }
    }

    /** Derives {@code to} from {@code from} unless {@code to} is already present; null stays null. */
    private static void copy(Event.Builder b, String from, String to) {
        if (b.has(to) || !b.has(from)) {
            return;
        }
        if (b.isNull(from)) {
            b.derive(to, null);
            return;
        }
        String value = b.single(from);
        if (value != null) {
            b.derive(to, value);
        }
    }
}
