package io.vigil.connectors.xml;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;

/**
 * Cuts a character stream into {@code <Event>…</Event>} records without parsing it, so that one
 * bad record cannot lose the rest of the file and memory stays bounded by the largest record.
 * Everything between records is ignored: an {@code <Events>} root, an XML declaration, the
 * {@code evtxexport} banner and blank lines, or any other junk line.
 *
 * <p>A record that is still open when the next {@code <Event} starts, or when the input ends, is
 * reported as truncated; a record longer than the limit is reported and skipped.
 */
final class XmlRecordSplitter {
    /** A record's text and the line its {@code <Event} starts on (1-based). */
    record Chunk(String text, long line) {
        Chunk {
            requireNonNull(text, "text is null");
        }
    }

    /** Receives the records that are cut short or too large. */
    interface ProblemListener {
        void onProblem(long line, String message);
    }

    private static final String START = "<Event";
    private static final String END = "</Event";

    private final Reader in;
    private final int maxChars;
    private final ProblemListener problems;
    private final char[] buffer = new char[1 << 16];
    private int pos;
    private int limit;
    private long line = 1;
    private long tagLine = 1;
    /** How many characters of {@code <Event} have been seen outside a record. */
    private int matched;
    /** The record read so far, or null outside a record. */
    private StringBuilder record;
    private long recordLine;
    /** Index in the record of the last {@code <} not yet known not to start a new record, or -1. */
    private int pendingStart = -1;
    private long pendingLine;
    /** Whether the {@code >} of the record's own start tag has been read. */
    private boolean startTagClosed;

    XmlRecordSplitter(Reader in, int maxChars, ProblemListener problems) {
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
                    if (record != null) {
                        problems.onProblem(recordLine, "record is not closed at the end of the input");
                        record = null;
                    }
                    return null;
                }
            }
            Chunk chunk = record == null ? outside(buffer[pos++]) : inside();
            if (chunk != null) {
                return chunk;
            }
        }
    }

    private Chunk outside(char c) {
        if (c == '\n') {
            line++;
        } else if (c == '<') {
            tagLine = line;
        }
        if (matched == START.length()) {
            matched = 0;
            if (isNameEnd(c)) {
                startRecord(new StringBuilder(4096).append(START).append(c), tagLine);
                return null;
            }
        }
        if (c == START.charAt(matched)) {
            matched++;
        } else {
            matched = c == '<' ? 1 : 0;
        }
        return null;
    }

    /** Takes a run of plain characters, then one of {@code < > \n}, in one step. */
    private Chunk inside() {
        int start = pos;
        while (pos < limit) {
            char c = buffer[pos];
            if (c == '<' || c == '>' || c == '\n') {
                break;
            }
            pos++;
        }
        record.append(buffer, start, pos - start);
        if (pos < limit) {
            char c = buffer[pos++];
            if (c == '<') {
                tagLine = line;
                pendingStart = record.length();
                pendingLine = line;
            } else if (c == '\n') {
                line++;
            }
            record.append(c);
            if (c == '>' && !startTagClosed) {
                startTagClosed = true;
                if (record.charAt(record.length() - 2) == '/') {
                    return complete();
                }
            }
            if (c == '>' && pendingStart < 0 && endsWithEndTag()) {
                return complete();
            }
        }
        if (pendingStart >= 0 && record.length() > pendingStart + START.length()) {
            checkNestedStart();
            if (record != null && buffer[pos - 1] == '>' && endsWithEndTag()) {
                return complete();
            }
        }
        if (record != null && record.length() > maxChars) {
            problems.onProblem(recordLine, "record is longer than " + maxChars + " characters; skipped");
            record = null;
            matched = 0;
        }
        return null;
    }

    private Chunk complete() {
        Chunk chunk = new Chunk(record.toString(), recordLine);
        record = null;
        return chunk;
    }

    /** A new {@code <Event} start tag inside a record means the record was cut short. */
    private void checkNestedStart() {
        int at = pendingStart;
        pendingStart = -1;
        if (at > 0 && regionEquals(at, START) && isNameEnd(record.charAt(at + START.length()))) {
            problems.onProblem(recordLine, "record is not closed before the next <Event> starts");
            startRecord(new StringBuilder(4096).append(record, at, record.length()), pendingLine);
        }
    }

    private void startRecord(StringBuilder text, long startLine) {
        record = text;
        recordLine = startLine;
        pendingStart = -1;
        startTagClosed = text.indexOf(">") >= 0;
    }

    /** True when the record ends with {@code </Event>}, blanks allowed before the {@code >}. */
    private boolean endsWithEndTag() {
        int i = record.length() - 2;
        while (i >= 0 && isBlank(record.charAt(i))) {
            i--;
        }
        int from = i - END.length() + 1;
        return from >= 0 && regionEquals(from, END);
    }

    private boolean regionEquals(int from, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (record.charAt(from + i) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameEnd(char c) {
        return c == '>' || c == '/' || isBlank(c);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
