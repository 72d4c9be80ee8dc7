package io.vigil.connectors.xml;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.EventType;
import io.vigil.connectors.testing.SharedData;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads libevtx {@code evtxexport -f xml} output made at run time from the shared .evtx files
 * (the XML is never committed: some sources are GPL). evtxexport (Debian package
 * {@code libevtx-utils}) is required: without it these tests fail rather than skip.
 */
class EvtxExportTest {
    @TempDir
    Path temp;

    private final SharedData.Errors errors = new SharedData.Errors();

    private List<Event> export(String evtx) throws IOException, InterruptedException {
        Path input = SharedData.data(evtx);
        Path output = temp.resolve(input.getFileName() + ".xml");
        Process process = new ProcessBuilder(evtxexport(), "-f", "xml", input.toString())
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("evtxexport finished").isTrue();
        assertThat(Files.readString(output)).startsWith("evtxexport ");
        return SharedData.readAll(WindowsXmlEventReader.open(output, errors));
    }

    private static String evtxexport() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "evtxexport");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("evtxexport is not installed: apt-get install libevtx-utils");
    }

    private static long count(List<Event> events, EventType type) {
        return events.stream().filter(e -> e.type() == type).count();
    }

    @Test
    void readsEveryRecordOfASysmonLog() throws Exception {
        List<Event> events = export("omerbenamram-evtx/samples/sysmon.evtx");

        assertThat(events).hasSize(358);
        assertThat(count(events, EventType.SYSMON_1)).isEqualTo(227);
        assertThat(events.stream().filter(e -> "ping  -n 6 127.0.0.1 ".equals(e.get("CommandLine")))).hasSize(131);
        assertThat(events.get(0).get("UserSid")).as("NT AUTHORITY\\SYSTEM").isEqualTo("S-1-5-18");
        assertThat(errors.list()).isEmpty();
    }

    @Test
    void restoresControlCharactersAndCarriageReturns() throws Exception {
        List<Event> security = export("python-evtx/tests/data/security.evtx");
        assertThat(security).hasSize(2261);
        assertThat(security.stream().filter(e -> "\u0003".equals(e.get("MinPasswordAge")))).isNotEmpty();

        List<Event> postSecurity = export("omerbenamram-evtx/samples/post-Security.evtx");
        assertThat(postSecurity).hasSize(126);
        assertThat(postSecurity.stream().map(e -> e.get("PrivilegeList")))
                .anySatisfy(list -> assertThat(list).contains("SeAssignPrimaryTokenPrivilege\r\n\t\t\tSeTcbPrivilege"));
        assertThat(errors.list()).isEmpty();
    }

    @Test
    void keepsTheApplicationChannelTrapsOutOfTheTargetTypes() throws Exception {
        List<Event> events = export("deepbluecli/evtx/many-events-application.evtx");

        assertThat(events).hasSize(2216);
        assertThat(events.stream().filter(e -> e.eventId() == 1)).hasSize(32);
        assertThat(events.stream().filter(e -> e.eventId() == 4104)).hasSize(11);
        assertThat(events).extracting(Event::type).containsOnly(EventType.OTHER);
        assertThat(errors.list()).isEmpty();
    }

    @Test
    void readsEmbeddedMarkupWithUndeclaredPrefixes() throws Exception {
        List<Event> events = export("python-evtx/tests/data/issue_39.evtx");

        assertThat(events).hasSize(394);
        assertThat(errors.list()).isEmpty();
    }

    @Test
    void parsesPowerShell400AndSplitScriptBlocks() throws Exception {
        List<Event> classic = export(
                "evtx-to-mitre-attack/TA0007-Discovery/T1087-Account_discovery/ID800_-_SPN_discovery_PowerShell_.evtx");
        Event engineStart = classic.stream().filter(e -> e.type() == EventType.POWERSHELL_CLASSIC_400)
                .findFirst().orElseThrow();
        assertThat(engineStart.getAll("Data")).hasSize(3);
        assertThat(engineStart.get("HostApplication")).isEqualTo("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
        assertThat(engineStart.get("NewEngineState")).isEqualTo("Available");

        List<Event> obfuscation = export("deepbluecli/evtx/Powershell-Invoke-Obfuscation-many.evtx");
        assertThat(obfuscation).hasSize(302);
        assertThat(count(obfuscation, EventType.POWERSHELL_4104)).isEqualTo(302);
        assertThat(obfuscation.stream().filter(e -> "11".equals(e.get("MessageTotal")))).isNotEmpty();
        assertThat(obfuscation).allSatisfy(e -> assertThat(e.get("UserSid")).startsWith("S-1-5-"));
        assertThat(errors.list()).isEmpty();
    }
}
