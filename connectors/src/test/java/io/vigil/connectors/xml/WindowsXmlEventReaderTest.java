package io.vigil.connectors.xml;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.EventType;
import io.vigil.connectors.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowsXmlEventReaderTest {
    private static final String NS = "http://schemas.microsoft.com/win/2004/08/events/event";

    private final SharedData.Errors errors = new SharedData.Errors();

    /** A Sysmon 1 record with the given record id and EventData body. */
    static String sysmon(long recordId, String eventData) {
        return "<Event xmlns='" + NS + "'><System><Provider Name='Microsoft-Windows-Sysmon' "
                + "Guid='{5770385F-C22A-43E0-BF4C-06F5698FFBD9}'/><EventID>1</EventID><Version>5</Version>"
                + "<TimeCreated SystemTime='2024-03-01T09:15:02.1234567Z'/><EventRecordID>" + recordId
                + "</EventRecordID><Correlation ActivityID='{A-1}'/><Execution ProcessID='2284' ThreadID='5252'/>"
                + "<Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>HOST1</Computer>"
                + "<Security UserID='S-1-5-18'/></System><EventData>" + eventData + "</EventData></Event>";
    }

    private List<Event> read(String xml) throws IOException {
        return SharedData.readAll(new WindowsXmlEventReader(new StringReader(xml), "test.xml", errors));
    }

    @Test
    void readsTheSystemHeader() throws IOException {
        Event event = read(sysmon(7, "<Data Name='Image'>C:\\x.exe</Data>")).get(0);

        assertThat(event.type()).isEqualTo(EventType.SYSMON_1);
        assertThat(event.get("Provider")).isEqualTo("Microsoft-Windows-Sysmon");
        assertThat(event.get("ProviderGuid")).isEqualTo("{5770385F-C22A-43E0-BF4C-06F5698FFBD9}");
        assertThat(event.get("EventID")).isEqualTo("1");
        assertThat(event.get("TimeCreated")).isEqualTo("2024-03-01T09:15:02.1234567Z");
        assertThat(event.timeCreated()).isNotNull();
        assertThat(event.get("EventRecordID")).isEqualTo("7");
        assertThat(event.recordId()).isEqualTo(7);
        assertThat(event.get("ActivityID")).isEqualTo("{A-1}");
        assertThat(event.get("ProcessID")).isEqualTo("2284");
        assertThat(event.get("ThreadID")).isEqualTo("5252");
        assertThat(event.get("UserID")).isEqualTo("S-1-5-18");
        assertThat(event.get("Computer")).isEqualTo("HOST1");
        assertThat(event.get("Image")).isEqualTo("C:\\x.exe");
        assertThat(event.has("UserSid")).as("the System UserID of Sysmon is its service account").isFalse();
        assertThat(event.source()).isEqualTo("test.xml");
        assertThat(event.position()).isEqualTo("line 1");
    }

    @Test
    void readsAnEventViewerExportWithItsRoot() throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<Events>\r\n" + sysmon(1, "") + "\r\n"
                + sysmon(2, "") + "\r\n</Events>\r\n";
        List<Event> events = read(xml);

        assertThat(events).extracting(Event::recordId).containsExactly(1L, 2L);
        assertThat(events).extracting(Event::position).containsExactly("line 3", "line 4");
        assertThat(errors.list()).isEmpty();
    }

    @Test
    void readsBareConcatenatedRecords() throws IOException {
        List<Event> events = read(sysmon(1, "") + sysmon(2, "") + sysmon(3, ""));

        assertThat(events).extracting(Event::recordId).containsExactly(1L, 2L, 3L);
        assertThat(errors.list()).isEmpty();
    }

    @Test
    void readsEvtxexportOutputWithBannerAndJunkLines() throws IOException {
        String xml = "evtxexport 20181227\n\n" + sysmon(1, "\n    <Data Name='Image'>a</Data>\n  ")
                + "\n\nUnable to export record 2.\n\n" + sysmon(3, "") + "\n\n";
        List<Event> events = read(xml);

        assertThat(events).extracting(Event::recordId).containsExactly(1L, 3L);
        assertThat(events.get(0).get("Image")).isEqualTo("a");
        assertThat(errors.list()).isEmpty();
    }

    @Test
    void reportsAMalformedRecordWithFileAndLineAndReadsTheNextOnes() throws IOException {
        String xml = sysmon(1, "") + "\n" + sysmon(2, "<Data Name='Image'>a</Dta>") + "\n" + sysmon(3, "");
        List<Event> events = read(xml);

        assertThat(events).extracting(Event::recordId).containsExactly(1L, 3L);
        assertThat(errors.list()).singleElement().satisfies(error -> {
            assertThat(error).startsWith("test.xml|line 2|malformed XML at line 2");
            assertThat(error).contains("Data");
        });
    }

    @Test
    void reportsARecordCutShortByTheNextOne() throws IOException {
        String broken = sysmon(2, "<Data Name='Image'>a</Data>");
        broken = broken.substring(0, broken.indexOf("</EventData>"));
        List<Event> events = read(sysmon(1, "") + "\n" + broken + "\n" + sysmon(3, "") + "\n" + broken);

        assertThat(events).extracting(Event::recordId).containsExactly(1L, 3L);
        assertThat(errors.list()).containsExactly(
                "test.xml|line 2|record is not closed before the next <Event> starts",
                "test.xml|line 4|record is not closed at the end of the input");
    }

    @Test
    void skipsARecordLongerThanTheLimit() throws IOException {
        String xml = sysmon(1, "") + "\n" + sysmon(2, "<Data Name='Big'>" + "x".repeat(5000) + "</Data>")
                + "\n" + sysmon(3, "");
        List<Event> events = SharedData.readAll(new WindowsXmlEventReader(new StringReader(xml), "test.xml", errors, 2000));

        assertThat(events).extracting(Event::recordId).containsExactly(1L, 3L);
        assertThat(errors.list()).singleElement().asString()
                .startsWith("test.xml|line 2|record is longer than 2000 characters");
    }

    @Test
    void keepsMissingEmptyAndValuesApart() throws IOException {
        Event event = read(sysmon(1, "<Data Name='A'/><Data Name='B'></Data><Data Name='C'> </Data>")).get(0);

        assertThat(event.get("A")).isEmpty();
        assertThat(event.get("B")).isEmpty();
        assertThat(event.get("C")).isEqualTo(" ");
        assertThat(event.has("D")).isFalse();
    }

    @Test
    void keepsCarriageReturnsInValues() throws IOException {
        Event event = read(sysmon(1, "<Data Name='Ref'>a&#13;\nb</Data><Data Name='Raw'>a\r\nb\r\n</Data>"
                + "<Data Name='Lf'>a\nb</Data>")).get(0);

        assertThat(event.get("Ref")).isEqualTo("a\r\nb");
        assertThat(event.get("Raw")).isEqualTo("a\r\nb\r\n");
        assertThat(event.get("Lf")).isEqualTo("a\nb");
    }

    @Test
    void keepsControlCharactersThatXmlForbids() throws IOException {
        Event event = read(sysmon(1, "<Data Name='Raw'>\u0003</Data><Data Name='Hex'>a&#x1;b</Data>"
                + "<Data Name='Dec'>&#0;&#27;</Data><Data Name='Tab'>&#9;</Data>")).get(0);

        assertThat(event.get("Raw")).isEqualTo("\u0003");
        assertThat(event.get("Hex")).isEqualTo("a\u0001b");
        assertThat(event.get("Dec")).isEqualTo("\u0000\u001b");
        assertThat(event.get("Tab")).isEqualTo("\t");
        assertThat(errors.list()).isEmpty();
    }

    @Test
    void keepsPrivateUseCharactersOfRecordsWithoutControlCharacters() throws IOException {
        Event event = read(sysmon(1, "<Data Name='Pua'>\uE001</Data>")).get(0);

        assertThat(event.get("Pua")).isEqualTo("\uE001");
    }

    @Test
    void readsUnnamedDataAsOneMultiValuedFieldAndBinary() throws IOException {
        Event event = read(sysmon(1, "<Data>Available</Data><Data>None</Data><Data/><Binary>0A0B</Binary>")).get(0);

        assertThat(event.getAll("Data")).containsExactly("Available", "None", "");
        assertThat(event.get("Binary")).isEqualTo("0A0B");
    }

    @Test
    void flattensUserDataLeaves() throws IOException {
        String xml = "<Event xmlns='" + NS + "'><System><Provider Name='Microsoft-Windows-CAPI2'/><EventID>80</EventID>"
                + "<Channel>Microsoft-Windows-CAPI2/Operational</Channel></System><UserData>"
                + "<WinVerifyTrustStart xmlns='http://schemas.microsoft.com/win/2004/08/windows/capi2'>"
                + "<EventAuxInfo ProcessName='Setup.exe'>\n  </EventAuxInfo><Header>a</Header><Header>b</Header>"
                + "<Nested><Leaf>c</Leaf></Nested></WinVerifyTrustStart></UserData></Event>";
        Event event = read(xml).get(0);

        assertThat(event.get("EventAuxInfo_ProcessName")).isEqualTo("Setup.exe");
        assertThat(event.has("EventAuxInfo")).isFalse();
        assertThat(event.get("Header")).isEqualTo("a");
        assertThat(event.get("Header_1")).isEqualTo("b");
        assertThat(event.get("Leaf")).isEqualTo("c");
        assertThat(event.has("WinVerifyTrustStart_xmlns")).isFalse();
    }

    @Test
    void prefixedNamespaceDeclarationsAreNotFields() throws IOException {
        // evtxexport writes declarations such as xmlns:auto-ns2; an element with nothing else is a leaf
        String xml = "<Event xmlns='" + NS + "'><System><Provider Name='Microsoft-Windows-Eventlog'/><EventID>1102</EventID>"
                + "<Channel>Security</Channel></System><UserData>"
                + "<LogFileCleared xmlns:auto-ns3='http://schemas.microsoft.com/win/2004/08/events' "
                + "xmlns='http://manifests.microsoft.com/win/2004/08/windows/eventlog'>"
                + "<SubjectUserName>admin</SubjectUserName><Empty xmlns:auto-ns2='urn:x'></Empty>"
                + "</LogFileCleared></UserData></Event>";
        Event event = read(xml).get(0);

        assertThat(event.get("SubjectUserName")).isEqualTo("admin");
        assertThat(event.get("Empty")).isEqualTo("");
        assertThat(event.has("Empty_auto-ns2")).isFalse();
        assertThat(event.has("LogFileCleared_auto-ns3")).isFalse();
    }

    @Test
    void keepsTheTextOfMarkupInsideAValue() throws IOException {
        Event event = read(sysmon(1, "<Data Name='Value'><s:Envelope><s:Header><wsa:Action s:mustUnderstand='1'>*"
                + "</wsa:Action></s:Header><s:Body>text</s:Body></s:Envelope></Data>")).get(0);

        assertThat(event.get("Value")).isEqualTo("*text");
        assertThat(errors.list()).isEmpty();
    }

    @Test
    void ignoresRenderingInfo() throws IOException {
        String xml = sysmon(1, "<Data Name='Image'>a</Data>").replace("</Event>",
                "<RenderingInfo Culture='en-US'><Message>Process Create</Message><Channel>Other</Channel>"
                        + "</RenderingInfo></Event>");
        Event event = read(xml).get(0);

        assertThat(event.get("Channel")).isEqualTo("Microsoft-Windows-Sysmon/Operational");
        assertThat(event.has("Message")).isFalse();
    }

    @Test
    void classifiesEventId1And4104OfTheApplicationChannelAsOther() throws IOException {
        String securityCenter = "<Event><System><Provider Name='SecurityCenter'/><EventID Qualifiers='0'>1</EventID>"
                + "<Channel>Application</Channel></System><EventData><Data>Windows Defender</Data></EventData></Event>";
        String winlogon = "<Event><System><Provider Name='Microsoft-Windows-Winlogon'/><EventID>4104</EventID>"
                + "<Channel>Application</Channel></System><EventData><Data Name='ScriptBlockText'>x</Data></EventData></Event>";
        List<Event> events = read(securityCenter + winlogon);

        assertThat(events).extracting(Event::eventId).containsExactly(1, 4104);
        assertThat(events).extracting(Event::type).containsOnly(EventType.OTHER);
    }

    @Test
    void doesNotResolveExternalEntities() throws IOException {
        String xml = "<?xml version='1.0'?><!DOCTYPE Event [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>"
                + sysmon(1, "<Data Name='X'>&xxe;</Data>") + sysmon(2, "");
        List<Event> events = read(xml);

        assertThat(events).extracting(Event::recordId).containsExactly(2L);
        assertThat(errors.list()).singleElement().asString().contains("xxe");
    }

    @Test
    void rejectsARecordWithoutSystem() throws IOException {
        List<Event> events = read("<Event><EventData/></Event>" + sysmon(2, ""));

        assertThat(events).extracting(Event::recordId).containsExactly(2L);
        assertThat(errors.list()).singleElement().asString().contains("no <System>");
    }

    @Test
    void readsUtf16WithByteOrderMark() throws IOException {
        String xml = "<Events>" + sysmon(1, "<Data Name='User'>牟田口大介</Data>") + "</Events>";
        byte[] bom = {(byte) 0xff, (byte) 0xfe};
        byte[] body = xml.getBytes(StandardCharsets.UTF_16LE);
        byte[] bytes = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, bytes, 0, bom.length);
        System.arraycopy(body, 0, bytes, bom.length, body.length);
        List<Event> events = SharedData.readAll(new WindowsXmlEventReader(new ByteArrayInputStream(bytes), "u16.xml", errors));

        assertThat(events).singleElement().satisfies(e -> assertThat(e.get("User")).isEqualTo("牟田口大介"));
    }
}
