package io.vigil.connectors.evtx;

import static java.util.Objects.requireNonNull;

import io.vigil.connectors.spi.DecodeErrorListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How an .evtx file is read.
 *
 * @param recoverSlack also emit the records found in the slack space of each chunk (deleted or
 *     overwritten records past the chunk's free-space offset, or after a corrupt record). They get
 *     the derived field {@value #RECOVERED_FIELD} = {@code true} and a position ending in
 *     {@code recovered}.
 * @param warnings receives what is odd about a file but loses no record: a dirty file header,
 *     header counters that disagree with the file, checksum mismatches, slack records that could
 *     not be recovered. Records and chunks that could not be read go to the reader's
 *     {@link DecodeErrorListener} instead.
 * @param skipOther records whose EventID is none of the rule event types' (1, 4688, 4103, 4104,
 *     400) are counted ({@link io.vigil.connectors.spi.EventSource#recordsSkipped()}) but not
 *     built: their events could only be of type {@link io.vigil.connectors.event.EventType#OTHER},
 *     which no rule reads. The EventID is read from the record's bytes, so a hunt through a
 *     Security log pays for the process creations only. Still read whole, and still checked.
 */
public record EvtxOptions(boolean recoverSlack, DecodeErrorListener warnings, boolean skipOther) {
    /** The derived field that marks a record recovered from slack space. */
    public static final String RECOVERED_FIELD = "VigilRecovered";

    private static final Logger log = LoggerFactory.getLogger(EvtxOptions.class);

    /**
     * Logs warnings at INFO, with source and position: a dirty header is the normal state of a log
     * copied from a running system, and nothing is lost, so they stay out of the way by default.
     */
    public static final DecodeErrorListener LOG_WARNINGS =
            (source, position, message) -> log.info("{} {}: {}", source, position, message);

    public EvtxOptions {
        requireNonNull(warnings, "warnings is null");
    }

    /** Allocated records only; warnings are logged at INFO. */
    public static EvtxOptions defaults() {
        return new EvtxOptions(false, LOG_WARNINGS, false);
    }

    /** A copy that does or does not recover records from slack space. */
    public EvtxOptions recoverSlack(boolean recover) {
        return new EvtxOptions(recover, warnings, skipOther);
    }

    /** A copy whose warnings go to the given listener. */
    public EvtxOptions warnings(DecodeErrorListener listener) {
        return new EvtxOptions(recoverSlack, listener, skipOther);
    }

    /** A copy that does or does not skip the records whose events could only be of type OTHER. */
    public EvtxOptions skipOther(boolean skip) {
        return new EvtxOptions(recoverSlack, warnings, skip);
    }
}
