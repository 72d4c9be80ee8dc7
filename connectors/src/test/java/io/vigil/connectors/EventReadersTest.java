package io.vigil.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.EventType;
import io.vigil.connectors.evtx.EvtxEventReader;
import io.vigil.connectors.json.JsonLinesEventReader;
import io.vigil.connectors.spi.EventSource;
import io.vigil.connectors.testing.SharedData;
import io.vigil.connectors.xml.WindowsXmlEventReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventReadersTest {
    private static final String SYSMON_XML = "<Event><System><Provider Name='Microsoft-Windows-Sysmon'/><EventID>1</EventID>"
            + "<Channel>Microsoft-Windows-Sysmon/Operational</Channel></System><EventData>"
            + "<Data Name='Image'>C:\\x.exe</Data></EventData></Event>";

    @TempDir
    Path temp;

    private final SharedData.Errors errors = new SharedData.Errors();

    private EventSource open(String content) throws IOException, DecodeException {
        return EventReaders.open(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), "in", errors);
    }

    @Test
    void detectsXmlJsonAndEvtxexportOutputFromTheContent() throws Exception {
        assertThat(open("  \r\n" + SYSMON_XML)).isInstanceOf(WindowsXmlEventReader.class);
        assertThat(open("evtxexport 20181227\n\n" + SYSMON_XML)).isInstanceOf(WindowsXmlEventReader.class);
        assertThat(open("\uFEFF{\"EventID\": 1}")).isInstanceOf(JsonLinesEventReader.class);
        assertThat(open("[{\"EventID\": 1}]")).isInstanceOf(JsonLinesEventReader.class);
        assertThat(open("Record 1\n{\"Event\": {}}")).isInstanceOf(JsonLinesEventReader.class);
        assertThat(open("junk line\n" + SYSMON_XML)).isInstanceOf(WindowsXmlEventReader.class);
    }

    @Test
    void readsAFileNamedWithoutAKnownEnding() throws Exception {
        Path file = temp.resolve("events.dat");
        Files.writeString(file, SYSMON_XML + SYSMON_XML, StandardCharsets.UTF_8);

        List<Event> events = SharedData.readAll(EventReaders.open(file, errors));
        assertThat(events).hasSize(2).allSatisfy(e -> {
            assertThat(e.type()).isEqualTo(EventType.SYSMON_1);
            assertThat(e.source()).isEqualTo(file.toString());
        });
    }

    @Test
    void readsBinaryEvtx() throws Exception {
        Path evtx = SharedData.data("omerbenamram-evtx/samples/sysmon.evtx");

        EventSource source = EventReaders.open(evtx, errors);
        assertThat(source).isInstanceOf(EvtxEventReader.class);
        assertThat(SharedData.readAll(source)).hasSize(358);
        assertThat(errors.list()).isEmpty();
    }

    @Test
    void readsAnEvtxFileWhoseHeaderWasOverwrittenFromItsChunks() throws Exception {
        byte[] whole = Files.readAllBytes(SharedData.data("python-evtx/tests/data/security.evtx"));
        byte[] zeroed = whole.clone();
        java.util.Arrays.fill(zeroed, 0, 4096, (byte) 0);
        byte[] garbled = whole.clone();
        System.arraycopy("{ not a header".getBytes(StandardCharsets.US_ASCII), 0, garbled, 0, 14);
        // found by the chunk at 0x1000 whatever the name, or by the name when the text looks like JSON
        for (byte[] damaged : List.of(zeroed, garbled)) {
            Path file = temp.resolve("damaged.evtx");
            Files.write(file, damaged);
            SharedData.Errors found = new SharedData.Errors();

            EventSource source = EventReaders.open(file, found);

            assertThat(source).isInstanceOf(EvtxEventReader.class);
            assertThat(SharedData.readAll(source)).hasSize(2261);
            assertThat(found.list()).containsExactly(file + "|offset 0x0|no ElfFile signature: the file header is"
                    + " ignored and chunks are located by their own signatures");
        }
    }

    @Test
    void aFileNamedEvtxWithoutAnyChunkIsReportedAsNoEvtx() throws Exception {
        Path file = temp.resolve("notes.evtx");
        Files.writeString(file, "some notes, renamed\n".repeat(300), StandardCharsets.UTF_8);

        EventSource source = EventReaders.open(file, errors);

        assertThat(source).isInstanceOf(EvtxEventReader.class);
        assertThat(SharedData.readAll(source)).isEmpty();
        assertThat(errors.list()).hasSize(2).last().asString()
                .isEqualTo(file + "|offset 0x0|no chunk signature anywhere in the file (1 blocks of 64 KiB looked at):"
                        + " not an .evtx file, or one whose chunks are all lost");
    }

    @Test
    void refusesBinaryDataThatIsNoEvtx() {
        byte[] binary = new byte[5000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31 + 7);
        }
        binary[100] = '{';

        assertThatThrownBy(() -> EventReaders.open(new ByteArrayInputStream(binary), "x.bin", errors))
                .isInstanceOf(DecodeException.class)
                .hasMessage("x.bin offset 0x0: binary data, not an event file: no .evtx signature (ElfFile at offset"
                        + " 0x0 or ElfChnk at 0x1000), and a NUL byte in the first 5000 bytes");
    }

    @Test
    void refusesEmptyAndUnknownInput() {
        assertThatThrownBy(() -> open("   ")).isInstanceOf(DecodeException.class).hasMessage("in: the input is empty");
        assertThatThrownBy(() -> open("hello")).isInstanceOf(DecodeException.class)
                .hasMessageContaining("not a Windows event XML or JSON input");
    }

    @Test
    void listsEventFilesInNameOrderSkippingHiddenAndUnknownOnes() throws IOException {
        Path b = Files.createDirectories(temp.resolve("b"));
        Path hidden = Files.createDirectories(temp.resolve(".hidden"));
        for (Path file : List.of(temp.resolve("z.JSON"), temp.resolve("a.xml"), b.resolve("c.evtx"), b.resolve("d.ndjson"),
                temp.resolve("notes.md"), temp.resolve(".x.json"), hidden.resolve("e.json"), temp.resolve("c.log"))) {
            Files.writeString(file, "{}", StandardCharsets.UTF_8);
        }
        Path explicit = temp.resolve("notes.md");

        List<Path> files = EventReaders.listFiles(temp, explicit);

        assertThat(files).containsExactly(temp.resolve("a.xml"), b.resolve("c.evtx"), b.resolve("d.ndjson"),
                temp.resolve("c.log"), temp.resolve("z.JSON"), explicit);
    }

    @Test
    void listsTheSharedDataFolder() throws IOException {
        List<Path> files = EventReaders.listFiles(SharedData.root().resolve("data"));

        assertThat(files).filteredOn(p -> p.toString().endsWith(".evtx")).hasSize(49);
        assertThat(files).filteredOn(p -> p.toString().endsWith(".json")).hasSize(8);
        assertThat(files).filteredOn(p -> p.toString().endsWith(".jsonl")).hasSize(1);
        assertThat(files.get(0).getFileName()).hasToString("EXPECTED_ALERTS.jsonl");
        assertThat(files.get(1)).endsWith(Path.of("deepbluecli", "evtx", "Powershell-Invoke-Obfuscation-many.evtx"));
    }
}
