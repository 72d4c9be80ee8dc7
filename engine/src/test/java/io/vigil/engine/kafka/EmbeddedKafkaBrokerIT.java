package io.vigil.engine.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.connectors.kafka.KafkaEventSource;
import io.vigil.connectors.kafka.KafkaSourceConfig;
import io.vigil.engine.kafka.LoopSummary.StopReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the producer, the consumer source and the detection loop against a real in-process broker. */
@Timeout(120)
class EmbeddedKafkaBrokerIT {
    static {
        EmbeddedKafkaBroker.quietLogging();
    }

    private static final String TOPIC = "events";
    private static final String GROUP = "vigil-it";
    private static final int RECORDS = 1000;

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaBroker(0);
        broker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void deliversEveryRecordOnceAndCommitsItsOffset() throws Exception {
        assertThat(broker.createTopic(TOPIC, 3)).isTrue();
        assertThat(broker.createTopic(TOPIC, 3)).isFalse();
        List<String> published = new ArrayList<>();
        try (EventPublisher publisher = EventPublisher.create(broker.bootstrapServers(), Map.of())) {
            for (int i = 0; i < RECORDS; i++) {
                String json = "{\"Computer\":\"WS-" + (i % 7) + "\",\"n\":" + i + "}";
                publisher.publish(TOPIC, "WS-" + (i % 7), json.getBytes(UTF_8));
                published.add(json);
            }
            publisher.flush();
        }

        CollectingHandler handler = new CollectingHandler();
        LoopSummary summary = consume(handler);

        assertThat(summary.stopReason()).isEqualTo(StopReason.IDLE);
        assertThat(summary.records()).isEqualTo(RECORDS);
        assertThat(handler.values).hasSize(RECORDS).containsExactlyInAnyOrderElementsOf(published);
        assertThat(handler.flushes).isPositive();
        assertThat(committedOffsets().values().stream().mapToLong(OffsetAndMetadata::offset).sum())
                .isEqualTo(RECORDS);

        CollectingHandler second = new CollectingHandler();
        assertThat(consume(second).records()).isZero();
        assertThat(second.values).isEmpty();
    }

    private static LoopSummary consume(RecordHandler handler) {
        KafkaEventSource source = KafkaEventSource.create(
                KafkaSourceConfig.of(broker.bootstrapServers(), TOPIC, GROUP));
        return DetectionLoop.builder(source, handler)
                .pollTimeout(Duration.ofMillis(200))
                .stopWhenIdle(Duration.ofSeconds(2))
                .build()
                .run();
    }

    private static Map<TopicPartition, OffsetAndMetadata> committedOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            return admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
        }
    }

    private static final class CollectingHandler implements RecordHandler {
        final List<String> values = new ArrayList<>();
        int flushes;

        @Override
        public void handle(ConsumerRecord<byte[], byte[]> record) {
            values.add(new String(record.value(), UTF_8));
        }

        @Override
        public void flush() {
            flushes++;
        }
    }
}
