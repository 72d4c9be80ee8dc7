package io.vigil.connectors.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.connectors.DecodeException;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.EventType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JsonEventDecoderTest {
    private static Event decode(String json) throws DecodeException {
        return JsonEventDecoder.decode(json.getBytes(StandardCharsets.UTF_8), "events/0", "offset 7");
    }

    @Test
    void rejectsPoisonPillsWithSourceAndPosition() {
        // BR-35: empty, truncated, binary and non-object messages
        for (byte[] bad : new byte[][] {
                new byte[0],
                "{\"EventID\": 1, \"Image\": \"C:\\\\Windows\\\\System32\\\\net.exe\", \"CommandLine\": ".getBytes(StandardCharsets.UTF_8),
                Base64.getDecoder().decode("AP/+AAEC"),
                "42".getBytes(StandardCharsets.UTF_8),
                "{\"EventID\": 1} trailing".getBytes(StandardCharsets.UTF_8)}) {
            assertThatThrownBy(() -> JsonEventDecoder.decode(bad, "events/0", "offset 7"))
                    .isInstanceOf(DecodeException.class)
                    .hasMessageStartingWith("events/0 offset 7: ")
                    .satisfies(e -> assertThat(((DecodeException) e).reason()).isNotBlank());
        }
    }

    @Test
    void classifiesByChannelWhenTheProviderIsMissing() throws DecodeException {
        Event event = decode("{\"Channel\": \"Microsoft-Windows-Sysmon/Operational\", \"EventID\": 1, "
                + "\"Computer\": \"HOST1\", \"EventRecordID\": 35001, \"CommandLine\": \"net view\"}");

        assertThat(event.type()).isEqualTo(EventType.SYSMON_1);
        assertThat(event.source()).isEqualTo("events/0");
        assertThat(event.position()).isEqualTo("offset 7");
    }

    @Test
    void convertsScalarsWithoutCoercingThem() throws DecodeException {
        Event event = decode("{\"EventID\": 4688, \"A\": 1.50, \"B\": true, \"C\": \"0x3e7\", \"D\": 12345678901234567890,"
                + " \"E\": [\"x\", \"y\"], \"F\": {\"k\": 1}, \"G\": [1, {\"k\": 2}], \"H\": null, \"I\": \"\"}");

        assertThat(event.get("A")).isEqualTo("1.50");
        assertThat(event.get("B")).isEqualTo("true");
        assertThat(event.get("C")).isEqualTo("0x3e7");
        assertThat(event.get("D")).isEqualTo("12345678901234567890");
        assertThat(event.getAll("E")).containsExactly("x", "y");
        assertThat(event.get("F")).isEqualTo("{\"k\":1}");
        assertThat(event.get("G")).isEqualTo("[1,{\"k\":2}]");
        assertThat(event.isNull("H")).isTrue();
        assertThat(event.get("I")).isEmpty();
    }

    @Test
    void readsEvtxDumpUnnamedDataUserDataAndStringEventIds() throws DecodeException {
        Event event = decode("{\"Event\": {\"#attributes\": {\"xmlns\": \"x\"}, \"System\": {"
                + "\"Provider\": {\"#attributes\": {\"Name\": \"PowerShell\"}}, \"EventID\": \"400\","
                + "\"Channel\": \"Windows PowerShell\", \"Correlation\": null,"
                + "\"Execution\": {\"#attributes\": {\"ProcessID\": 4, \"ThreadID\": 8}},"
                + "\"Security\": {\"#attributes\": {\"UserID\": \"S-1-5-18\"}}},"
                + "\"EventData\": {\"Data\": {\"#text\": [\"Available\", \"None\", \"\\tHostApplication=pwsh\"]}, \"Binary\": null},"
                + "\"UserData\": {\"EventXML\": {\"Param\": {\"#attributes\": {\"a\": 1}, \"#text\": \"v\"}}}}}");

        assertThat(event.type()).isEqualTo(EventType.POWERSHELL_CLASSIC_400);
        assertThat(event.getAll("Data")).containsExactly("Available", "None", "\tHostApplication=pwsh");
        assertThat(event.get("HostApplication")).isEqualTo("pwsh");
        assertThat(event.isNull("Binary")).isTrue();
        assertThat(event.get("ProcessID")).isEqualTo("4");
        assertThat(event.get("UserID")).isEqualTo("S-1-5-18");
        assertThat(event.get("Param")).isEqualTo("v");
        assertThat(event.has("Correlation")).isFalse();
    }

    @Test
    void readsWinlogbeatUnnamedDataUserDataAndMessage() throws DecodeException {
        Event classic = decode("{\"@timestamp\": \"2024-03-01T09:15:02.123Z\", \"message\": \"Engine state is changed\","
                + "\"winlog\": {\"channel\": \"Windows PowerShell\", \"provider_name\": \"PowerShell\", \"event_id\": 400,"
                + "\"event_data\": {\"param1\": \"Available\", \"param2\": \"None\","
                + "\"param3\": \"\\tNewEngineState=Available\\n\\tHostApplication=powershell -nop\"},"
                + "\"process\": {\"pid\": 4, \"thread\": {\"id\": 8}}, \"user\": {\"identifier\": \"S-1-5-18\"}}}");

        assertThat(classic.type()).isEqualTo(EventType.POWERSHELL_CLASSIC_400);
        assertThat(classic.getAll("Data")).hasSize(3);
        assertThat(classic.get("HostApplication")).isEqualTo("powershell -nop");
        assertThat(classic.get("ThreadID")).isEqualTo("8");
        assertThat(classic.get("UserID")).isEqualTo("S-1-5-18");
        assertThat(classic.get("TimeCreated")).isEqualTo("2024-03-01T09:15:02.123Z");

        Event userData = decode("{\"winlog\": {\"channel\": \"Security\", \"event_id\": \"1102\","
                + "\"user_data\": {\"xml_name\": \"LogFileCleared\", \"SubjectUserName\": \"admin\"}}}");
        assertThat(userData.get("SubjectUserName")).isEqualTo("admin");
        assertThat(userData.has("xml_name")).isFalse();
    }

    @Test
    void mapsEcsOnlyScriptBlocks() throws DecodeException {
        Event event = decode("{\"event\": {\"code\": \"4104\", \"provider\": \"Microsoft-Windows-PowerShell\"},"
                + "\"host\": {\"name\": \"HOST1\"}, \"file\": {\"path\": \"C:\\\\a.ps1\"}, \"user\": {\"name\": \"u\", \"domain\": \"D\"},"
                + "\"powershell\": {\"file\": {\"script_block_text\": \"Get-NetTCPConnection\", \"script_block_id\": \"id-1\"},"
                + "\"sequence\": 1, \"total\": 2}}");

        assertThat(event.type()).isEqualTo(EventType.POWERSHELL_4104);
        assertThat(event.get("ScriptBlockText")).isEqualTo("Get-NetTCPConnection");
        assertThat(event.get("ScriptBlockId")).isEqualTo("id-1");
        assertThat(event.get("MessageNumber")).isEqualTo("1");
        assertThat(event.get("MessageTotal")).isEqualTo("2");
        assertThat(event.get("Path")).isEqualTo("C:\\a.ps1");
        assertThat(event.get("Computer")).isEqualTo("HOST1");
        assertThat(event.get("User")).isEqualTo("D\\u");
    }

    @Test
    void expandsOnlyBeatsKeysWithDots() throws DecodeException {
        Event flat = decode("{\"Channel\": \"Security\", \"EventID\": 4688, \"Some.Name\": \"v\"}");
        assertThat(flat.get("Some.Name")).isEqualTo("v");

        Event dotted = decode("{\"winlog.channel\": \"Security\", \"winlog.event_id\": 4688,"
                + "\"winlog.event_data.NewProcessName\": \"C:\\\\net.exe\"}");
        assertThat(dotted.type()).isEqualTo(EventType.SECURITY_4688);
        assertThat(dotted.get("Image")).isEqualTo("C:\\net.exe");
    }

    @Test
    void prefersTimeCreatedOverNxlogEventTime() throws DecodeException {
        Event event = decode("{\"EventID\": 1, \"TimeCreated\": \"2023-07-19T05:35:38.561Z\", "
                + "\"EventTime\": \"2023-07-19 01:35:38\", \"@timestamp\": \"2023-07-19T05:35:39.000Z\"}");
        assertThat(event.get("TimeCreated")).isEqualTo("2023-07-19T05:35:38.561Z");

        Event nxlog = decode("{\"EventID\": 1, \"EventTime\": \"2020-09-22 03:45:15\", "
                + "\"EventReceivedTime\": \"2020-09-22 05:16:16\", \"@timestamp\": \"2020-09-22T07:45:16.448Z\"}");
        assertThat(nxlog.get("TimeCreated")).as("offset 2:29 rounds to 2:30").isEqualTo("2020-09-22T06:15:15Z");
    }
}
