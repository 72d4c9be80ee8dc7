package io.vigil.connectors.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Parses the time formats Windows exports use; every result is UTC. */
public final class Timestamps {
    private Timestamps() {
    }

    /**
     * Parses ISO-8601 with or without a zone (no zone means UTC) and with up to nine fraction
     * digits, also the {@code yyyy-MM-dd HH:mm:ss.SSS} form with a blank. Returns null when the
     * text is not a time.
     */
    public static Instant parse(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            return null;
        }
        if (s.length() > 10 && s.charAt(10) == ' ') {
            s = s.substring(0, 10) + 'T' + s.substring(11);
        }
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            // fall through: no zone
        }
        try {
            return LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
