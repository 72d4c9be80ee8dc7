package io.vigil.engine.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.compiler.RuleCompiler;
import io.vigil.connectors.event.Event;
import io.vigil.engine.eval.Evaluator;
import io.vigil.engine.pack.RulePacks;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Soak: a million single-fragment script blocks, a million distinct Sysmon processes, a million
 * 4688 processes and a hundred thousand script blocks whose other fragments never come, streamed
 * through the bundled pack. The state never grows past its configured bounds.
 */
class StateSoakIT {
    private static final int N = 1_000_000;

    @Test
    void stateStaysWithinItsBounds() throws Exception {
        StateLimits limits = new StateLimits(100, 1 << 20, Duration.ofMinutes(5), 5_000, 50_000, Duration.ofHours(1));
        Evaluator evaluator = new Evaluator(RuleCompiler.compile(RulePacks.bundled()), false,
                java.time.InstantSource.system(), limits);
        long[] alerts = {0};
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        long maxProcesses = 0;
        long maxBlocks = 0;
        for (int i = 0; i < N; i++) {
            Instant t = t0.plusMillis(i * 10L);
            String host = "HOST" + (i % 50);
            evaluator.evaluate(scriptBlock(i, host, t, 1, 1, "Write-Output " + i), a -> alerts[0]++);
            evaluator.evaluate(sysmon(i, host, t), a -> alerts[0]++);
            evaluator.evaluate(security(i, host, t), a -> alerts[0]++);
            if (i % 10 == 0) {
                // fragment 1 of 3 of a block whose other fragments never arrive
                evaluator.evaluate(scriptBlock(i, host, t, 1, 3, "Get-Process; "), a -> alerts[0]++);
            }
            if (i % 10_000 == 0) {
                evaluator.advance(Duration.ofSeconds(30), a -> alerts[0]++);
                Map<String, Long> sizes = evaluator.stateSizes();
                maxProcesses = Math.max(maxProcesses, sizes.get("lineage.processes"));
                maxBlocks = Math.max(maxBlocks, sizes.get("scriptblocks.open"));
            }
        }
        assertThat(maxProcesses).isLessThanOrEqualTo(50_000).isGreaterThan(0);
        assertThat(maxBlocks).isLessThanOrEqualTo(5_000).isGreaterThan(0);
        assertThat(evaluator.partialScriptBlocks()).isGreaterThan(90_000);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long usedMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
        assertThat(usedMb).as("heap in use after the soak, MiB").isLessThan(512);
    }

    private static Event scriptBlock(int i, String host, Instant t, int number, int total, String text) {
        return Event.builder("soak", "record " + i).put("EventID", "4104")
                .put("Channel", "Microsoft-Windows-PowerShell/Operational").put("Provider", "Microsoft-Windows-PowerShell")
                .put("Computer", host).put("TimeCreated", t.toString()).put("EventRecordID", String.valueOf(i))
                .put("MessageNumber", String.valueOf(number)).put("MessageTotal", String.valueOf(total))
                .put("ScriptBlockText", text).put("ScriptBlockId", "00000000-0000-4000-8000-" + String.format(
                        java.util.Locale.ROOT, "%012d", i))
                .put("Path", "").build();
    }

    private static Event sysmon(int i, String host, Instant t) {
        return Event.builder("soak", "record " + i).put("EventID", "1")
                .put("Channel", "Microsoft-Windows-Sysmon/Operational").put("Provider", "Microsoft-Windows-Sysmon")
                .put("Computer", host).put("TimeCreated", t.toString()).put("EventRecordID", String.valueOf(i))
                .put("ProcessGuid", "{" + i + "}").put("ParentProcessGuid", "{" + (i - 1) + "}")
                .put("Image", "C:\\Windows\\System32\\cmd.exe").put("CommandLine", "cmd /c echo " + i)
                .put("ParentImage", "C:\\Windows\\explorer.exe").put("User", "CORP\\alice").build();
    }

    private static Event security(int i, String host, Instant t) {
        return Event.builder("soak", "record " + i).put("EventID", "4688").put("Channel", "Security")
                .put("Provider", "Microsoft-Windows-Security-Auditing").put("Computer", host)
                .put("TimeCreated", t.toString()).put("EventRecordID", String.valueOf(i))
                .put("NewProcessId", "0x" + Integer.toHexString(i)).put("ProcessId", "0x" + Integer.toHexString(i + 7))
                .put("Image", "C:\\Windows\\System32\\whoami.exe").put("CommandLine", "whoami /all")
                .put("ParentImage", "C:\\Windows\\System32\\cmd.exe").put("User", "CORP\\bob").build();
    }
}
