package io.vigil.engine.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.connectors.event.Event;
import io.vigil.connectors.normalize.EventNormalizer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessLineageTest {
    private static Event sysmon(String guid, String parentGuid, String image, String parentImage, String time) {
        return Event.builder("t", "x").put("EventID", "1").put("Channel", "Microsoft-Windows-Sysmon/Operational")
                .put("Computer", "HOST1").put("TimeCreated", time).put("ProcessGuid", guid)
                .put("ParentProcessGuid", parentGuid).put("Image", image).put("ParentImage", parentImage)
                .put("CommandLine", image).build();
    }

    private static Event security(String pid, String ppid, String image, String parentImage, String cmd, String time) {
        // normalised as the readers do: NewProcessName becomes Image, ParentProcessName ParentImage
        return EventNormalizer.normalize(Event.builder("t", "x").put("EventID", "4688").put("Channel", "Security")
                .put("Computer", "HOST1").put("TimeCreated", time).put("NewProcessId", pid).put("ProcessId", ppid)
                .put("NewProcessName", image).put("ParentProcessName", parentImage).put("CommandLine", cmd));
    }

    @Test
    void sysmonGrandParentFromTheParentsOwnEvent() {
        ProcessLineage lineage = new ProcessLineage(StateLimits.DEFAULTS);
        lineage.enrich(sysmon("{AAAA}", "{ROOT}", "C:\\cmd.exe", "C:\\rundll32.exe", "2024-01-01T00:00:00Z"));
        Event child = lineage.enrich(sysmon("{BBBB}", "{aaaa}", "C:\\netstat.exe", "C:\\cmd.exe",
                "2024-01-01T00:00:01Z"));
        assertThat(child.get(ProcessLineage.GRAND_PARENT_IMAGE)).isEqualTo("C:\\rundll32.exe");
        // derived, so not part of the raw text
        assertThat(child.raw()).doesNotContain("rundll32");
    }

    @Test
    void securityLineageRespectsPidReuseAndAge() {
        ProcessLineage lineage = new ProcessLineage(StateLimits.DEFAULTS);
        lineage.enrich(security("0x1a2c", "0x4", "C:\\cmd.exe", "C:\\rundll32.exe", "cmd /c netstat -aon",
                "2024-01-01T00:00:00Z"));
        Event child = lineage.enrich(security("0x2000", "0x1A2C", "C:\\netstat.exe", "C:\\cmd.exe",
                "netstat.exe -aon", "2024-01-01T00:00:05Z"));
        assertThat(child.get(ProcessLineage.GRAND_PARENT_IMAGE)).isEqualTo("C:\\rundll32.exe");
        assertThat(child.get("ParentCommandLine")).isEqualTo("cmd /c netstat -aon");
        // a child logged before the remembered process started cannot be its child: the id was reused
        Event earlier = lineage.enrich(security("0x3000", "0x1a2c", "C:\\x.exe", "C:\\cmd.exe", "x",
                "2023-12-31T23:00:00Z"));
        assertThat(earlier.has(ProcessLineage.GRAND_PARENT_IMAGE)).isFalse();
        // nor one logged more than the maximum age later
        Event later = lineage.enrich(security("0x4000", "0x1a2c", "C:\\y.exe", "C:\\cmd.exe", "y",
                "2024-01-03T00:00:00Z"));
        assertThat(later.has(ProcessLineage.GRAND_PARENT_IMAGE)).isFalse();
    }

    @Test
    void memoryIsBoundedByCount() {
        StateLimits limits = new StateLimits(100, 1 << 20, Duration.ofMinutes(5), 10, 1000, Duration.ofHours(24));
        ProcessLineage lineage = new ProcessLineage(limits);
        for (int i = 0; i < 10_000; i++) {
            lineage.enrich(sysmon("{" + i + "}", "{p}", "C:\\a.exe", "C:\\b.exe", "2024-01-01T00:00:00Z"));
        }
        assertThat(lineage.size()).isEqualTo(1000);
    }
}
