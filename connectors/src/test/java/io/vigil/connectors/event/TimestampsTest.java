package io.vigil.connectors.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void fastPathAgreesWithJavaTime() {
        for (String s : new String[] {"2019-07-19T14:48:41.0506612Z", "2024-03-01T09:15:02Z", "2024-02-29T23:59:59.9Z",
            "2020-09-04T07:08:12.123456789Z", "1601-01-01T00:00:00.0000000Z"}) {
            assertThat(Timestamps.parseUtc(s)).as(s).isEqualTo(Instant.parse(s));
            assertThat(Timestamps.parse(s)).isEqualTo(Instant.parse(s));
        }
    }

    @Test
    void otherFormsFallBackToTheFullParser() {
        assertThat(Timestamps.parseUtc("2024-03-01 09:15:02.123")).isNull();
        assertThat(Timestamps.parse("2024-03-01 09:15:02.123")).isEqualTo(Instant.parse("2024-03-01T09:15:02.123Z"));
        assertThat(Timestamps.parse("2024-03-01T09:15:02+04:00")).isEqualTo(Instant.parse("2024-03-01T05:15:02Z"));
        assertThat(Timestamps.parseUtc("2023-02-30T00:00:00Z")).isNull();
        assertThat(Timestamps.parse("not a time")).isNull();
        assertThat(Timestamps.parseUtc("2024-03-01T09:15:02.1234567890Z")).isNull();
    }
}
