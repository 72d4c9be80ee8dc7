package io.vigil.engine.enrich;

import static java.util.Objects.requireNonNull;

import io.vigil.connectors.event.CaseFolding;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.EventType;
import io.vigil.connectors.event.Fields;
import io.vigil.engine.state.BoundedState;
import java.time.Duration;
import java.time.Instant;

/**
 * Remembers recent process creations per host and gives each new process what its own event
 * lacks: {@code GrandParentImage} (the parent's parent image) for Sysmon 1 and Security 4688, and
 * {@code ParentCommandLine} for 4688. Sysmon processes are keyed by ProcessGuid; 4688 processes by
 * NewProcessId, which Windows reuses, so a parent only counts when it started before the child and
 * within the maximum age. Memory is bounded by entry count and by age in event time.
 */
public final class ProcessLineage {
    public static final String GRAND_PARENT_IMAGE = "GrandParentImage";

    private final BoundedState<Process> processes;
    private final Duration maxAge;

    private record Process(String image, String commandLine, String parentImage, Instant time) {
    }

    public ProcessLineage(StateLimits limits) {
        requireNonNull(limits, "limits is null");
        this.maxAge = limits.processMaxAge();
        this.processes = BoundedState.create("lineage.processes", limits.maxProcesses(), limits.processMaxAge());
    }

    /** Records the event's process and returns the event with its lineage fields, when known. */
    public Event enrich(Event event) {
        if (event.type() == EventType.SYSMON_1) {
            return enrich(event, guid(event.get("ProcessGuid")), guid(event.get("ParentProcessGuid")), false);
        }
        if (event.type() == EventType.SECURITY_4688) {
            return enrich(event, pid(event.get("NewProcessId")), pid(event.get("ProcessId")), true);
        }
        return event;
    }

    public int size() {
        return processes.size();
    }

    public void expire(Instant wallClock) {
        processes.expire(wallClock);
    }

    private Event enrich(Event event, String id, String parentId, boolean pidKeyed) {
        String host = event.computer() == null ? "" : CaseFolding.fold(event.computer());
        Instant time = event.timeCreated();
        processes.observe(host, time);
        Process parent = parentId == null ? null : processes.get(host, parentId);
        if (parent != null && pidKeyed && !plausibleParent(parent, time)) {
            parent = null;
        }
        if (id != null) {
            processes.put(host, id, new Process(event.get(Fields.IMAGE), event.get(Fields.COMMAND_LINE),
                    event.get(Fields.PARENT_IMAGE), time), time, null);
        }
        if (parent == null) {
            return event;
        }
        Event out = event;
        if (parent.parentImage() != null && !out.has(GRAND_PARENT_IMAGE)) {
            out = out.withDerived(GRAND_PARENT_IMAGE, parent.parentImage());
        }
        if (pidKeyed && parent.commandLine() != null && !out.has(Fields.PARENT_COMMAND_LINE)) {
            out = out.withDerived(Fields.PARENT_COMMAND_LINE, parent.commandLine());
        }
        return out;
    }

    /** A reused process id: the remembered process must have started before the child, recently. */
    private boolean plausibleParent(Process parent, Instant childTime) {
        if (parent.time() == null || childTime == null) {
            return false;
        }
        return !parent.time().isAfter(childTime) && !parent.time().plus(maxAge).isBefore(childTime);
    }

    private static String guid(String g) {
        if (g == null || g.isBlank()) {
            return null;
        }
        String s = CaseFolding.fold(g.trim());
        if (s.startsWith("{") && s.endsWith("}")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** Process ids appear as 0x1a2c in 4688 and as decimal elsewhere; both become one number. */
    private static String pid(String p) {
        if (p == null || p.isBlank()) {
            return null;
        }
        String s = p.trim();
        try {
            long v = s.startsWith("0x") || s.startsWith("0X") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
            return Long.toString(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
