package io.vigil.connectors.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.connectors.testing.TrickleReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRecordSplitterTest {
    private static List<String> split(Reader reader, int maxChars) throws IOException {
        List<String> out = new ArrayList<>();
        JsonRecordSplitter splitter = new JsonRecordSplitter(reader, maxChars,
                (line, message) -> out.add("problem at " + line + ": " + message));
        JsonRecordSplitter.Chunk chunk;
        while ((chunk = splitter.next()) != null) {
            out.add(chunk.line() + ": " + chunk.text());
        }
        return out;
    }

    @Test
    void cutsJsonLinesWithBracesAndEscapesInStrings() throws IOException {
        String input = "{\"a\": \"}{\\\"\\\\\"}\n{\"b\": [1, {\"c\": 2}]}\r\n\n{\"d\": \"x\"}";
        List<String> expected = List.of("1: {\"a\": \"}{\\\"\\\\\"}", "2: {\"b\": [1, {\"c\": 2}]}", "4: {\"d\": \"x\"}");

        assertThat(split(new StringReader(input), 1 << 20)).isEqualTo(expected);
        for (long seed = 0; seed < 50; seed++) {
            assertThat(split(new TrickleReader(input, seed, 1 + (int) seed % 7), 1 << 20)).as("seed %d", seed)
                    .isEqualTo(expected);
        }
    }

    @Test
    void cutsPrettyPrintedDocumentsAndArrays() throws IOException {
        String input = "[\n  {\n    \"a\": 1\n  },\n  {\"b\": {\n  \"c\": \"]\"}}\n]\n{\n\"d\": 2\n}\n";

        assertThat(split(new TrickleReader(input, 3, 4), 1 << 20)).containsExactly(
                "2: {\n    \"a\": 1\n  }", "5: {\"b\": {\n  \"c\": \"]\"}}", "8: {\n\"d\": 2\n}");
    }

    @Test
    void resumesAfterABrokenLineAndAnOversizedRecord() throws IOException {
        String input = "{\"a\": 1}\n{\"b\": \"" + "x".repeat(100) + "\"}\n{\"c\": \n{\"d\": 4}\n";

        assertThat(split(new TrickleReader(input, 7, 6), 50)).containsExactly(
                "1: {\"a\": 1}",
                "problem at 2: record is longer than 50 characters; skipped",
                "problem at 3: record is not closed at the end of its line",
                "4: {\"d\": 4}");
    }
}
