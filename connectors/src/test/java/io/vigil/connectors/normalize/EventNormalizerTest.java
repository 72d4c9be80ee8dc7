package io.vigil.connectors.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.EventType;
import io.vigil.connectors.json.JsonLinesEventReader;
import io.vigil.connectors.testing.SharedData;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class EventNormalizerTest {
    private static Event.Builder event(String channel, String provider, String eventId) {
        return Event.builder("test", "line 1")
                .put("EventID", eventId)
                .put("Channel", channel)
                .put("Provider", provider);
    }

    private static Event.Builder security4688() {
        return event("Security", "Microsoft-Windows-Security-Auditing", "4688");
    }

    private static Event.Builder sysmon1() {
        return event("Microsoft-Windows-Sysmon/Operational", "Microsoft-Windows-Sysmon", "1");
    }

    private static boolean derived(Event event, String name) {
        for (int i = 0; i < event.fieldCount(); i++) {
            if (event.fieldName(i).equals(name)) {
                return event.isDerived(i);
            }
        }
        throw new AssertionError("no field " + name);
    }

    @Test
    void security4688DerivesCanonicalNamesAndKeepsTheOriginals() {
        Event event = EventNormalizer.normalize(security4688()
                .put("SubjectUserSid", "S-1-5-21-1-2-3-1001")
                .put("SubjectUserName", "user1")
                .put("SubjectDomainName", "DOMAIN1")
                .put("NewProcessName", "C:\\Windows\\System32\\net.exe")
                .put("CommandLine", "net view")
                .put("ParentProcessName", "C:\\Windows\\System32\\cmd.exe"));

        assertThat(event.type()).isEqualTo(EventType.SECURITY_4688);
        assertThat(event.get("Image")).isEqualTo("C:\\Windows\\System32\\net.exe");
        assertThat(event.get("ParentImage")).isEqualTo("C:\\Windows\\System32\\cmd.exe");
        assertThat(event.get("User")).isEqualTo("DOMAIN1\\user1");
        assertThat(event.get("UserSid")).isEqualTo("S-1-5-21-1-2-3-1001");
        assertThat(event.get("NewProcessName")).isEqualTo("C:\\Windows\\System32\\net.exe");
        assertThat(derived(event, "Image")).isTrue();
        assertThat(derived(event, "NewProcessName")).isFalse();
        assertThat(event.has("OriginalFileName")).isFalse();
        assertThat(event.has("ParentCommandLine")).isFalse();
        assertThat(event.raw()).doesNotContain("DOMAIN1\\user1");
    }

    @Test
    void security4688KeepsNullAndEmptyInDerivedFields() {
        Event event = EventNormalizer.normalize(security4688()
                .put("NewProcessName", null)
                .put("ParentProcessName", "")
                .put("SubjectUserName", "user1"));

        assertThat(event.has("Image")).isTrue();
        assertThat(event.isNull("Image")).isTrue();
        assertThat(event.get("ParentImage")).isEmpty();
        assertThat(event.get("User")).isEqualTo("user1");
        assertThat(event.has("UserSid")).isFalse();
    }

    @Test
    void derivedFieldsNeverReplaceSourceFields() {
        Event event = EventNormalizer.normalize(security4688()
                .put("NewProcessName", "C:\\a.exe")
                .put("Image", "C:\\already.exe"));

        assertThat(event.get("Image")).isEqualTo("C:\\already.exe");
        assertThat(derived(event, "Image")).isFalse();
    }

    @Test
    void runsUnderATurkishDefaultLocale() {
        // surefire's argLine sets -Duser.language=tr so that locale-dependent case changes fail the
        // tests: with it, "AUTHORITY".toLowerCase() would give "authorıty" (dotless i)
        assertThat(Locale.getDefault().getLanguage()).isEqualTo("tr");
    }

    @Test
    void sysmonUserSidComesOnlyFromWellKnownAccountsInAnyCaseAndLanguage() {
        assertThat(sid("NT AUTHORITY\\SYSTEM")).isEqualTo("S-1-5-18");
        assertThat(sid("nt authority\\system")).isEqualTo("S-1-5-18");
        assertThat(sid("NT-AUTORITÄT\\SYSTEM")).isEqualTo("S-1-5-18");
        assertThat(sid("AUTORITE NT\\Système")).isEqualTo("S-1-5-18");
        assertThat(sid("NT AUTHORITY\\LOCAL SERVICE")).isEqualTo("S-1-5-19");
        assertThat(sid("NT AUTHORITY\\NETWORK SERVICE")).isEqualTo("S-1-5-20");
        assertThat(sid("NT-AUTORITÄT\\NETZWERKDIENST")).isEqualTo("S-1-5-20");
        assertThat(sid("DOMAIN1\\Administrator")).isNull();
    }

    @Test
    void sysmonIgnoresTheServiceSidOfTheSystemHeader() {
        Event event = EventNormalizer.normalize(sysmon1()
                .put("UserID", "S-1-5-18")
                .put("User", "DOMAIN1\\user1"));

        assertThat(event.has("UserSid")).isFalse();
    }

    private static String sid(String user) {
        return EventNormalizer.normalize(sysmon1().put("User", user)).get("UserSid");
    }

    @Test
    void powerShell4103ParsesContextInfo() {
        String contextInfo = "        Severity = Informational\r\n"
                + "        Host Name = ConsoleHost\r\n"
                + "        Host Application = powershell.exe -c \"$a = 1\r\n"
                + "$b = 2\"\r\n"
                + "        Engine Version = 5.1\r\n"
                + "        Command Name = Get-NetSession\r\n"
                + "        Script Name = \r\n"
                + "        User = DOMAIN1\\user1\r\n"
                + "        Connected User = \r\n"
                + "        Shell ID = Microsoft.PowerShell\r\n";
        Event event = EventNormalizer.normalize(event("Microsoft-Windows-PowerShell/Operational",
                "Microsoft-Windows-PowerShell", "4103")
                .put("UserID", "S-1-5-21-1-2-3-1001")
                .put("ContextInfo", contextInfo));

        assertThat(event.type()).isEqualTo(EventType.POWERSHELL_4103);
        assertThat(event.get("HostApplication")).isEqualTo("powershell.exe -c \"$a = 1\n$b = 2\"");
        assertThat(event.get("CommandName")).isEqualTo("Get-NetSession");
        assertThat(event.get("User")).isEqualTo("DOMAIN1\\user1");
        assertThat(event.get("ScriptName")).isEmpty();
        assertThat(event.get("ConnectedUser")).isEmpty();
        assertThat(event.get("ShellID")).isEqualTo("Microsoft.PowerShell");
        assertThat(event.get("EngineVersion")).isEqualTo("5.1");
        assertThat(event.get("HostName")).isEqualTo("ConsoleHost");
        assertThat(event.get("UserSid")).isEqualTo("S-1-5-21-1-2-3-1001");
        assertThat(event.has("Severity")).isFalse();
        assertThat(event.has("CommandLine")).isFalse();
        assertThat(event.has("Image")).isFalse();
        assertThat(event.has("PipelineID")).as("absent key stays absent").isFalse();
    }

    @Test
    void powerShell4103ParsesARealOtrfRecord() throws Exception {
        List<Event> events = SharedData.readAll(JsonLinesEventReader.open(SharedData.data(
                "otrf-security-datasets/empire_getsession_dcerpc_smb_srvsvc_NetSessEnum.subset.json"),
                new SharedData.Errors()));
        Event getNetSession = events.stream()
                .filter(e -> e.type() == EventType.POWERSHELL_4103)
                .filter(e -> "Get-NetSession".equals(e.get("CommandName")))
                .findFirst().orElseThrow();

        assertThat(getNetSession.get("ContextInfo")).contains("Command Name = Get-NetSession");
        assertThat(getNetSession.get("HostApplication")).isNotEmpty().doesNotContain("\r").doesNotContain("\n");
        assertThat(getNetSession.get("User")).contains("\\");
        assertThat(getNetSession.get("CommandType")).isEqualTo("Function");
        assertThat(getNetSession.get("UserSid")).startsWith("S-1-5-");

        Event first4103 = events.stream().filter(e -> e.type() == EventType.POWERSHELL_4103).findFirst().orElseThrow();
        assertThat(first4103.get("HostApplication")).isEqualTo("C:\\windows\\system32\\wbem\\wmiprvse.exe");
        assertThat(first4103.get("CommandName")).isEqualTo("Get-Module");
        assertThat(first4103.get("User")).isEqualTo("THESHIRE\\SYSTEM");
        assertThat(first4103.get("SequenceNumber")).isEqualTo("16");
        assertThat(first4103.get("ShellID")).isEqualTo("Microsoft.PowerShell");
    }

    @Test
    void powerShell4104TakesTheUserFromTheSystemHeader() {
        Event event = EventNormalizer.normalize(event("Microsoft-Windows-PowerShell/Operational",
                "Microsoft-Windows-PowerShell", "4104")
                .put("UserID", "S-1-5-21-1-2-3-1001")
                .put("ScriptBlockText", "Get-NetTCPConnection")
                .put("Path", ""));

        assertThat(event.type()).isEqualTo(EventType.POWERSHELL_4104);
        assertThat(event.get("UserSid")).isEqualTo("S-1-5-21-1-2-3-1001");
        assertThat(event.get("User")).isEqualTo("S-1-5-21-1-2-3-1001");
        assertThat(event.get("Path")).isEmpty();
    }

    @Test
    void powerShell400ParsesTheDetailsOnTheFirstEqualsSignOnly() {
        Event event = EventNormalizer.normalize(event("Windows PowerShell", "PowerShell", "400")
                .putAll("Data", List.of("Available", "None",
                        "\tNewEngineState=Available\r\n\tPreviousEngineState=None\r\n\r\n\tSequenceNumber=13\r\n\r\n"
                                + "\tHostName=ConsoleHost\r\n\tHostApplication=powershell.exe -c \"$x=1; $y==2\"\r\n"
                                + "\tEngineVersion=5.1\r\n\tPipelineId=\r\n\tCommandLine=")));

        assertThat(event.get("HostApplication")).isEqualTo("powershell.exe -c \"$x=1; $y==2\"");
        assertThat(event.get("PreviousEngineState")).isEqualTo("None");
        assertThat(event.get("SequenceNumber")).isEqualTo("13");
        assertThat(event.get("PipelineId")).isEmpty();
        assertThat(event.get("CommandLine")).isEmpty();
        assertThat(event.has("CommandName")).as("missing key stays missing").isFalse();
        assertThat(event.has("Image")).isFalse();
    }

    @Test
    void powerShell400WithoutDataUsesParamsOrTheRenderedMessage() {
        String message = "Engine state is changed from None to Available. \r\n\r\nDetails: \r\n"
                + "\tNewEngineState=Available\r\n\tHostApplication=powershell.exe -nop\r\n\tCommandLine=";
        Event nxlog = EventNormalizer.normalize(event("Windows PowerShell", "PowerShell", "400"), message);
        assertThat(nxlog.getAll("Data")).containsExactly(message);
        assertThat(derived(nxlog, "Data")).isTrue();
        assertThat(nxlog.get("HostApplication")).isEqualTo("powershell.exe -nop");
        assertThat(nxlog.raw()).doesNotContain("Engine state");

        Event winlogbeat = EventNormalizer.normalize(event("Windows PowerShell", "PowerShell", "400")
                .put("param1", "Available")
                .put("param2", "None")
                .put("param3", "\tNewEngineState=Available\n\tHostApplication=pwsh -c x"), message);
        assertThat(winlogbeat.getAll("Data")).containsExactly("Available", "None",
                "\tNewEngineState=Available\n\tHostApplication=pwsh -c x");
        assertThat(winlogbeat.get("HostApplication")).isEqualTo("pwsh -c x");
    }

    @Test
    void otherEventsAreLeftAlone() {
        Event application = EventNormalizer.normalize(event("Application", "SecurityCenter", "1")
                .put("User", "NT AUTHORITY\\SYSTEM"));
        assertThat(application.type()).isEqualTo(EventType.OTHER);
        assertThat(application.has("UserSid")).isFalse();

        Event winlogon = EventNormalizer.normalize(event("Application", "Microsoft-Windows-Winlogon", "4104")
                .put("UserID", "S-1-5-18"));
        assertThat(winlogon.type()).isEqualTo(EventType.OTHER);
        assertThat(winlogon.has("UserSid")).isFalse();
    }
}
