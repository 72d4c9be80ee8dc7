package io.vigil.connectors;

import static java.util.Objects.requireNonNull;

/**
 * A record or a whole source could not be decoded. The message names the source and the
 * position, e.g. {@code events/topic/3/offset 17: record is not a JSON object}.
 */
public class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String position;
    private final String reason;

    public DecodeException(String source, String position, String reason) {
        this(source, position, reason, null);
    }

    public DecodeException(String source, String position, String reason, Throwable cause) {
        super(format(source, position, reason), cause);
        this.source = requireNonNull(source, "source is null");
        this.position = requireNonNull(position, "position is null");
        this.reason = requireNonNull(reason, "reason is null");
    }

    /** Where the input came from: a file path or {@code topic/partition}. */
    public String source() {
        return source;
    }

    /** Where in the source; empty when the whole source is concerned. */
    public String position() {
        return position;
    }

    /** What is wrong, without source and position. */
    public String reason() {
        return reason;
    }

    private static String format(String source, String position, String reason) {
        return position.isEmpty() ? source + ": " + reason : source + " " + position + ": " + reason;
    }
}
