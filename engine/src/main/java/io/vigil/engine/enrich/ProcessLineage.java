package io.vigil.engine.enrich;

import io.vigil.connectors.event.CaseFolding;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.EventType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers recent Sysmon process creations per host, keyed by ProcessGuid, and gives each new
 * process its grandparent: {@code GrandParentImage} is the parent's own ParentImage. The memory
 * is bounded: the least recently seen processes are forgotten first.
 */
public final class ProcessLineage {
    public static final String GRAND_PARENT_IMAGE = "GrandParentImage";
    public static final int DEFAULT_MAX_PROCESSES = 200_000;

    private final Map<String, String> parentImageByProcess;

    public ProcessLineage() {
        this(DEFAULT_MAX_PROCESSES);
    }

    public ProcessLineage(int maxProcesses) {
        this.parentImageByProcess = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > maxProcesses;
            }
        };
    }

    /** Records the event's process and returns the event enriched with its grandparent, if known. */
    public Event enrich(Event event) {
        if (event.type() != EventType.SYSMON_1) {
            return event;
        }
        String host = event.computer() == null ? "" : CaseFolding.fold(event.computer());
        String guid = event.get("ProcessGuid");
        String parentGuid = event.get("ParentProcessGuid");
        String parentImage = event.get("ParentImage");
        if (guid != null && parentImage != null) {
            parentImageByProcess.put(key(host, guid), parentImage);
        }
        if (parentGuid == null || event.has(GRAND_PARENT_IMAGE)) {
            return event;
        }
        String grandParent = parentImageByProcess.get(key(host, parentGuid));
        return grandParent == null ? event : event.withDerived(GRAND_PARENT_IMAGE, grandParent);
    }

    public int size() {
        return parentImageByProcess.size();
    }

    private static String key(String host, String guid) {
        // GUIDs are compared without braces and case
        String g = CaseFolding.fold(guid.trim());
        if (g.startsWith("{") && g.endsWith("}")) {
            g = g.substring(1, g.length() - 1);
        }
        return host + '|' + g;
    }
}
