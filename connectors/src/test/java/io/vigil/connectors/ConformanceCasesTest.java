package io.vigil.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.EventType;
import io.vigil.connectors.json.JsonEventDecoder;
import io.vigil.connectors.testing.SharedData;
import io.vigil.connectors.xml.WindowsXmlEventReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The conformance cases about field mapping and JSON shapes (shared/cases), fed through the
 * readers as their format says. Only the normalised fields are asserted here; the rule verdicts
 * belong to the engine.
 */
class ConformanceCasesTest {
    @Test
    void br12KeepsMissingNullAndEmptyApart() throws Exception {
        List<Event> events = decodeCase("BR-12");

        Event emptyElement = events.get(0);
        assertThat(emptyElement.has("CommandLine")).isTrue();
        assertThat(emptyElement.get("CommandLine")).isEmpty();
        assertThat(emptyElement.isNull("CommandLine")).isFalse();

        Event absent = events.get(1);
        assertThat(absent.has("CommandLine")).isFalse();
        assertThat(absent.get("CommandLine")).isNull();

        assertThat(events.get(2).get("CommandLine")).isEqualTo("net session");

        Event jsonNull = events.get(3);
        assertThat(jsonNull.has("CommandLine")).isTrue();
        assertThat(jsonNull.isNull("CommandLine")).isTrue();
        assertThat(jsonNull.get("CommandLine")).isNull();

        for (Event event : events) {
            assertThat(event.type()).isEqualTo(EventType.SECURITY_4688);
            assertThat(event.get("Image")).isEqualTo("C:\\Windows\\System32\\net.exe");
        }
    }

    @Test
    void br13MapsSecurity4688AndSysmonToTheSameNamesWithoutInventingFields() throws Exception {
        List<Event> events = decodeCase("BR-13");

        Event security = events.get(0);
        assertThat(security.type()).isEqualTo(EventType.SECURITY_4688);
        assertThat(security.get("Image")).isEqualTo("C:\\Windows\\System32\\net.exe");
        assertThat(security.get("ParentImage")).isEqualTo("C:\\Windows\\System32\\cmd.exe");
        assertThat(security.get("CommandLine")).isEqualTo("net  view /all");
        assertThat(security.get("EventID")).isEqualTo("4688");
        assertThat(security.get("Channel")).isEqualTo("Security");
        assertThat(security.get("User")).isEqualTo("DOMAIN1\\user1");
        assertThat(security.get("UserSid")).isEqualTo("S-1-5-21-1111111111-2222222222-3333333333-1001");
        assertThat(security.has("ParentCommandLine")).isFalse();
        assertThat(security.has("OriginalFileName")).isFalse();
        assertThat(security.get("NewProcessName")).isEqualTo("C:\\Windows\\System32\\net.exe");

        Event sysmon = events.get(1);
        assertThat(sysmon.type()).isEqualTo(EventType.SYSMON_1);
        assertThat(sysmon.get("Provider")).isEqualTo("Microsoft-Windows-Sysmon");
        assertThat(sysmon.get("Image")).isEqualTo("C:\\Windows\\System32\\net.exe");
        assertThat(sysmon.get("ParentCommandLine")).isEqualTo("cmd.exe /c net  view /all");
        assertThat(sysmon.get("OriginalFileName")).isEqualTo("net.exe");
        assertThat(sysmon.has("UserSid")).as("DOMAIN1\\user1 is not a well-known account").isFalse();
    }

    @Test
    void br18ExtractsHostApplicationFromTheThirdUnnamedData() throws Exception {
        String expected = "powershell.exe -nop -c \"$r=Get-NetTCPConnection -State Listen; $r | ft LocalPort\"";
        List<Event> events = decodeCase("BR-18");
        assertThat(events).hasSize(2);
        for (Event event : events) {
            assertThat(event.type()).isEqualTo(EventType.POWERSHELL_CLASSIC_400);
            assertThat(event.getAll("Data")).hasSize(3);
            assertThat(event.getAll("Data").get(0)).isEqualTo("Available");
            assertThat(event.getAll("Data").get(2)).contains("Get-NetTCPConnection");
            assertThat(event.get("HostApplication")).isEqualTo(expected);
            assertThat(event.get("EngineVersion")).isEqualTo("5.1.19041.1");
            assertThat(event.get("HostName")).isEqualTo("ConsoleHost");
            assertThat(event.get("PipelineId")).isEmpty();
            assertThat(event.get("NewEngineState")).isEqualTo("Available");
            assertThat(event.get("CommandLine")).isEmpty();
        }
        // the XML event has LF, the evtx_dump one CRLF: no CR leaks into any value
        assertThat(events.get(1).getAll("Data").get(2)).contains("\r\n");
        assertThat(events.get(0).get("PreviousEngineState")).isEqualTo("None");
        assertThat(events.get(1).get("PreviousEngineState")).isEqualTo("None");
    }

    @Test
    void br28GivesOneEventIdTextAndKeepsHexStrings() throws Exception {
        List<Event> events = decodeCase("BR-28");
        for (int i = 0; i < 4; i++) {
            assertThat(events.get(i).get("EventID")).as("event %d", i).isEqualTo("4688");
            assertThat(events.get(i).eventId()).isEqualTo(4688);
            assertThat(events.get(i).type()).isEqualTo(EventType.SECURITY_4688);
        }
        assertThat(events.get(0).get("SubjectLogonId")).isEqualTo("0x3e7");
        assertThat(events.get(1).get("SubjectLogonId")).isEqualTo("0x3E7");
        assertThat(events.get(2).get("SubjectLogonId")).isEqualTo("0x3e7");
        assertThat(events.get(2).get("Provider")).isEqualTo("Microsoft-Windows-Security-Auditing");
        assertThat(events.get(2).get("TimeCreated")).isEqualTo("2024-03-01T09:15:02.1234567Z");
        assertThat(events.get(2).get("EventRecordID")).isEqualTo("2803");
        assertThat(events.get(2).get("Image")).isEqualTo("C:\\Windows\\System32\\net.exe");
        assertThat(events.get(3).get("SubjectLogonId")).as("an integer is not guessed back to hex").isEqualTo("999");
        assertThat(events.get(4).get("EventID")).isEqualTo("4689");
        assertThat(events.get(4).type()).isEqualTo(EventType.OTHER);
    }

    @Test
    void br29NormalisesWinlogbeatEcsAndDottedShapes() throws Exception {
        List<Event> events = decodeCase("BR-29");
        for (Event event : events) {
            assertThat(event.get("Image")).endsWith("\\NETSTAT.EXE");
            assertThat(event.get("CommandLine")).contains("-ano");
            assertThat(event.get("Computer")).isEqualTo("HOST1.domain1.local");
        }

        Event winlogbeat = events.get(0);
        assertThat(winlogbeat.type()).isEqualTo(EventType.SYSMON_1);
        assertThat(winlogbeat.get("EventID")).isEqualTo("1");
        assertThat(winlogbeat.get("Channel")).isEqualTo("Microsoft-Windows-Sysmon/Operational");
        assertThat(winlogbeat.get("Image")).isEqualTo("C:\\Windows\\System32\\NETSTAT.EXE");
        assertThat(winlogbeat.get("CommandLine")).isEqualTo("netstat -ano");
        assertThat(winlogbeat.get("ParentImage")).isEqualTo("C:\\Windows\\System32\\cmd.exe");
        assertThat(winlogbeat.get("OriginalFileName")).isEqualTo("NETSTAT.EXE");
        assertThat(winlogbeat.get("EventRecordID")).isEqualTo("5291");
        assertThat(winlogbeat.get("TimeCreated")).isEqualTo("2024-03-01T09:15:02.123Z");
        assertThat(winlogbeat.has("process.executable")).isFalse();

        Event ecsOnly = events.get(1);
        assertThat(ecsOnly.type()).isEqualTo(EventType.SYSMON_1);
        assertThat(ecsOnly.get("EventID")).isEqualTo("1");
        assertThat(ecsOnly.get("OriginalFileName")).isEqualTo("NETSTAT.EXE");
        assertThat(ecsOnly.get("ParentImage")).isEqualTo("C:\\Windows\\System32\\cmd.exe");
        assertThat(ecsOnly.get("ParentCommandLine")).isEqualTo("cmd.exe /c netstat -ano");

        Event security = events.get(2);
        assertThat(security.type()).isEqualTo(EventType.SECURITY_4688);
        assertThat(security.get("Image")).isEqualTo("C:\\Windows\\System32\\NETSTAT.EXE");
        assertThat(security.get("User")).isEqualTo("DOMAIN1\\user1");
        assertThat(security.has("OriginalFileName")).isFalse();

        Event dotted = events.get(3);
        assertThat(dotted.type()).isEqualTo(EventType.SYSMON_1);
        assertThat(dotted.get("CommandLine")).isEqualTo("netstat -ano");

        Event preferred = events.get(4);
        assertThat(preferred.get("CommandLine")).as("event_data wins over the ECS copy").isEqualTo("netstat -ano");
    }

    /** Decodes the events of a case in order, XML through the XML reader and JSON through the decoder. */
    private static List<Event> decodeCase(String id) throws IOException, DecodeException {
        List<Event> events = new ArrayList<>();
        int index = 0;
        for (JsonNode event : SharedData.caseEvents(id)) {
            String format = event.get("format").asText();
            JsonNode data = event.get("data");
            String source = id + "#" + index++;
            if (format.equals("xml")) {
                SharedData.Errors errors = new SharedData.Errors();
                List<Event> read = SharedData.readAll(
                        new WindowsXmlEventReader(new StringReader(data.asText()), source, errors));
                assertThat(errors.list()).isEmpty();
                assertThat(read).hasSize(1);
                events.add(read.get(0));
            } else {
                byte[] json = SharedData.json(data).getBytes(StandardCharsets.UTF_8);
                events.add(JsonEventDecoder.decode(json, source, "record 1"));
            }
        }
        return events;
    }
}
