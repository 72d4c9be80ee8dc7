package io.vigil.connectors.json;

import io.vigil.connectors.event.Timestamps;
import java.time.Duration;
import java.time.Instant;

/**
 * Recovers the UTC time of an NXLog event. NXLog's {@code EventTime} is local time without a
 * zone; the zone offset follows from {@code EventReceivedTime} (local) against Logstash's
 * {@code @timestamp} (UTC) for nearly the same instant, rounded to 15 minutes.
 */
final class NxlogTime {
    private static final long QUARTER_HOUR_SECONDS = 15 * 60;

    private NxlogTime() {
    }

    /** The UTC time as ISO-8601, or null when {@code eventTime} is not a time. */
    static String utc(String eventTime, String receivedTime, String timestamp) {
        Instant local = eventTime == null ? null : Timestamps.parse(eventTime);
        if (local == null) {
            return null;
        }
        return local.plus(offset(receivedTime, timestamp)).toString();
    }

    /** UTC minus local time; zero when it cannot be told. */
    static Duration offset(String receivedTime, String timestamp) {
        Instant received = receivedTime == null ? null : Timestamps.parse(receivedTime);
        Instant utc = timestamp == null ? null : Timestamps.parse(timestamp);
        if (received == null || utc == null) {
            return Duration.ZERO;
        }
        long seconds = Duration.between(received, utc).getSeconds();
        long quarters = Math.round((double) seconds / QUARTER_HOUR_SECONDS);
        return Duration.ofSeconds(quarters * QUARTER_HOUR_SECONDS);
    }
}
