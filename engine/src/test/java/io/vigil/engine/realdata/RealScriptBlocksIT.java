package io.vigil.engine.realdata;

import static io.vigil.engine.TestEvents.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.engine.alert.Alert;
import io.vigil.engine.hunt.HuntService;
import io.vigil.engine.metrics.EngineMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Real multi-part PowerShell 4104 script blocks are put back together whole: the OTRF getsession
 * JSON (the Empire stager in 5 and 2 parts) and the DeepBlueCLI Invoke-Obfuscation log (23 blocks
 * of 2 to 11 parts). Counts and digests were computed independently from the raw records.
 */
class RealScriptBlocksIT {
    private static List<Alert> blocks(Path file) throws Exception {
        List<Alert> alerts = new ArrayList<>();
        HuntService.builder()
                .rules(List.of(rule("powershell:4104", "match ScriptBlockId exists")))
                .metrics(new EngineMetrics())
                .build()
                .hunt(List.of(file), alerts::add);
        List<Alert> whole = new ArrayList<>();
        for (Alert a : alerts) {
            if (a.scriptBlock().isPresent()) {
                assertThat(a.scriptBlock().get().partial()).as("block %s", a.event().get("ScriptBlockId")).isFalse();
                whole.add(a);
            }
        }
        return whole;
    }

    private static Map<String, String> digests(List<Alert> blocks) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (Alert a : blocks) {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(a.event().get("ScriptBlockText").getBytes(StandardCharsets.UTF_8));
            out.put(a.event().get("ScriptBlockId").toLowerCase(java.util.Locale.ROOT), HexFormat.of().formatHex(hash));
        }
        return out;
    }

    @Test
    void otrfGetSessionStagerBlocks() throws Exception {
        List<Alert> blocks = blocks(SharedData.data().resolve(
                "otrf-security-datasets/empire_getsession_dcerpc_smb_srvsvc_NetSessEnum.subset.json"));
        assertThat(blocks).hasSize(2);
        assertThat(digests(blocks))
                .containsEntry("473e7aa5-3896-4780-8218-8196d536a261",
                        "4e528812a9c8d9f4153dafd64194091cb2678ac0a9675b167cbc74d8287f4006")
                .containsEntry("e9f2033c-8219-4b55-b5c9-9905870f1e9c",
                        "d5101c9bfb9760c2967a034f7bc59e4cc2a0a0fceb14c04bf0c194d656781848");
        for (Alert a : blocks) {
            assertThat(a.scriptBlock().get().numbers()).hasSize(a.scriptBlock().get().total());
        }
    }

    @Test
    void deepBlueInvokeObfuscationBlocks() throws Exception {
        Path xmlDir = Path.of("target", "real-data-xml");
        SharedData.evtxAsXml(xmlDir);
        List<Alert> blocks = blocks(xmlDir.resolve("deepbluecli/evtx/Powershell-Invoke-Obfuscation-many.evtx.xml"));
        assertThat(blocks).hasSize(23);
        Map<String, String> digests = digests(blocks);
        assertThat(digests).containsEntry("17615ec4-c902-4873-9916-20227881caca",
                "557fed1cf4ce32c34e273d1e827b18a387bdc7e2b07ad30bf2df78594e77709f");
        // byte-exact, CRLF line ends kept as Windows logged them
        Alert first = blocks.stream().filter(a -> a.event().get("ScriptBlockId").equalsIgnoreCase(
                "17615ec4-c902-4873-9916-20227881caca")).findFirst().orElseThrow();
        assertThat(first.event().get("ScriptBlockText")).hasSize(21059).startsWith("<#\r\n.SYNOPSIS\r\n");
    }
}
