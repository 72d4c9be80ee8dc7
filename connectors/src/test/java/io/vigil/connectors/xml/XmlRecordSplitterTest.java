package io.vigil.connectors.xml;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.connectors.testing.TrickleReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class XmlRecordSplitterTest {
    private static final String A = "<Event xmlns='x'><System><EventID>1</EventID></System></Event>";
    private static final String B = "<Event>\n<EventData><Data Name='a'>x &lt;Event y</Data></EventData>\n</Event >";
    private static final String CUT = "<Event><System><EventID>2</EventID>";
    private static final String INPUT = "evtxexport 20181227\n\n<Events>" + A + "\n\n" + CUT + "\n" + B + "junk <Eventx>\n"
            + "<Event/>" + "<Event\r\n a='1'>" + "z".repeat(300) + "</Event>" + CUT;

    private static List<String> split(Reader reader, int maxChars) throws IOException {
        List<String> out = new ArrayList<>();
        XmlRecordSplitter splitter = new XmlRecordSplitter(reader, maxChars,
                (line, message) -> out.add("problem at " + line + ": " + message));
        XmlRecordSplitter.Chunk chunk;
        while ((chunk = splitter.next()) != null) {
            out.add(chunk.line() + ": " + chunk.text());
        }
        return out;
    }

    @Test
    void cutsRecordsAndReportsTruncatedOnes() throws IOException {
        assertThat(split(new StringReader(INPUT), 1 << 20)).containsExactly(
                "3: " + A,
                "problem at 5: record is not closed before the next <Event> starts",
                "6: " + B,
                "9: <Event/>",
                "9: <Event\r\n a='1'>" + "z".repeat(300) + "</Event>",
                "problem at 10: record is not closed at the end of the input");
    }

    @Test
    void cutsTheSameWayWhateverTheReadSizes() throws IOException {
        List<String> expected = split(new StringReader(INPUT), 1 << 20);
        for (long seed = 0; seed < 50; seed++) {
            assertThat(split(new TrickleReader(INPUT, seed, 1 + (int) seed % 9), 1 << 20)).as("seed %d", seed)
                    .isEqualTo(expected);
        }
    }

    @Test
    void skipsRecordsLongerThanTheLimitAndGoesOn() throws IOException {
        List<String> out = split(new TrickleReader(INPUT, 1, 5), 200);

        assertThat(out).contains("3: " + A, "6: " + B,
                "problem at 9: record is longer than 200 characters; skipped");
        assertThat(out).noneMatch(s -> s.contains("zzz"));
    }
}
