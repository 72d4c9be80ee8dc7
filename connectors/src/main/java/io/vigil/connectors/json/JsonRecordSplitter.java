package io.vigil.connectors.json;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;

/**
 * Cuts a character stream into top-level JSON objects without parsing them, so memory is bounded
 * by the largest record and one bad record does not lose the rest of the file. It accepts JSON
 * lines, one document holding an array of objects (streamed element by element), concatenated
 * (pretty-printed) objects, and evtx_dump's text output where a {@code Record N} line precedes
 * each object.
 *
 * <p>When the first record starts and ends on one line, the input is taken as JSON lines: a
 * record still open at the end of its line is reported and reading resumes on the next line.
 * Otherwise records may span lines, but a raw line break inside a string (which JSON forbids)
 * still ends a broken record. A record longer than the limit is reported and skipped.
 */
final class JsonRecordSplitter {
    /** A record's text and the line it starts on (1-based). */
    record Chunk(String text, long line) {
        Chunk {
            requireNonNull(text, "text is null");
        }
    }

    /** Receives the records that are broken or too large, and junk between records. */
    interface ProblemListener {
        void onProblem(long line, String message);
    }

    private final Reader in;
    private final int maxChars;
    private final ProblemListener problems;
    private final char[] buffer = new char[1 << 16];
    private int pos;
    private int limit;
    private long line = 1;

    /** Null outside a record; the record's text so far inside one (unless it is being skipped). */
    private StringBuilder record;
    private boolean inRecord;
    private boolean skipping;
    private long recordLine;
    private int depth;
    private boolean inString;
    private boolean escaped;
    private boolean inArray;
    /** Null until the first record ends; then whether each line is one record. */
    private Boolean lineMode;
    /** Text outside records on the current line that is neither blank nor a separator. */
    private StringBuilder junk;
    private long junkLine;

    JsonRecordSplitter(Reader in, int maxChars, ProblemListener problems) {
        this.in = requireNonNull(in, "in is null");
        this.maxChars = maxChars;
        this.problems = requireNonNull(problems, "problems is null");
    }

    /** The next complete record, or null at the end of the input. */
    Chunk next() throws IOException {
        while (true) {
            if (pos == limit) {
                limit = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    endOfInput();
                    return null;
                }
            }
            if (inRecord && inString && !escaped) {
                appendStringRun();
                if (pos == limit) {
                    continue;
                }
            }
            char c = buffer[pos++];
            Chunk chunk = inRecord ? inside(c) : outside(c);
            if (c == '\n') {
                line++;
            }
            if (chunk != null) {
                return chunk;
            }
        }
    }

    private Chunk outside(char c) {
        if (c == '{') {
            flushJunk();
            inRecord = true;
            skipping = false;
            record = new StringBuilder(1024).append(c);
            recordLine = line;
            depth = 1;
            inString = false;
            escaped = false;
        } else if (c == '\n') {
            flushJunk();
        } else if (c == '[' && !inArray && junk == null) {
            inArray = true;
        } else if (c == ']' && inArray && junk == null) {
            inArray = false;
        } else if (c == ',' && junk == null) {
            // between array elements, or objects separated by commas without an array
            return null;
        } else if (junk != null) {
            if (junk.length() < 80) {
                junk.append(c);
            }
        } else if (!isBlank(c) && c != '\uFEFF') {
            junk = new StringBuilder().append(c);
            junkLine = line;
        }
        return null;
    }

    private Chunk inside(char c) {
        if (!skipping) {
            record.append(c);
            checkLength();
        }
        if (c == '\n' && (inString || Boolean.TRUE.equals(lineMode))) {
            if (!skipping) {
                problems.onProblem(recordLine, inString
                        ? "line break inside a string: the record is cut short"
                        : "record is not closed at the end of its line");
            }
            inRecord = false;
            record = null;
            return null;
        }
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = false;
            }
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            depth--;
            if (depth == 0) {
                return finish();
            }
        }
        return null;
    }

    /**
     * Takes the plain characters of a string (all but a quote, a backslash and a line break) in
     * one step: most of a record is string content.
     */
    private void appendStringRun() {
        int start = pos;
        while (pos < limit) {
            char c = buffer[pos];
            if (c == '"' || c == '\\' || c == '\n') {
                break;
            }
            pos++;
        }
        if (skipping || pos == start) {
            return;
        }
        record.append(buffer, start, pos - start);
        checkLength();
    }

    private void checkLength() {
        if (record.length() > maxChars) {
            problems.onProblem(recordLine, "record is longer than " + maxChars + " characters; skipped");
            skipping = true;
            record = null;
        }
    }

    private Chunk finish() {
        inRecord = false;
        if (lineMode == null) {
            lineMode = recordLine == line && !inArray;
        }
        if (skipping) {
            return null;
        }
        Chunk chunk = new Chunk(record.toString(), recordLine);
        record = null;
        return chunk;
    }

    private void endOfInput() {
        flushJunk();
        if (inRecord && !skipping) {
            problems.onProblem(recordLine, "record is not closed at the end of the input");
        }
        inRecord = false;
        record = null;
    }

    private void flushJunk() {
        if (junk == null) {
            return;
        }
        String text = junk.toString().strip();
        junk = null;
        if (!isEvtxDumpHeader(text)) {
            problems.onProblem(junkLine, "text outside a JSON object: " + text);
        }
    }

    /** evtx_dump's default output puts a {@code Record 12} line before each object. */
    private static boolean isEvtxDumpHeader(String text) {
        if (!text.startsWith("Record ") || text.length() == "Record ".length()) {
            return false;
        }
        for (int i = "Record ".length(); i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
