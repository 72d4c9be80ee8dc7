package io.vigil.engine.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EventPublisherTest {
    @Test
    void publishesKeyedRecords() {
        MockProducer<String, byte[]> producer = producer(true);
        try (EventPublisher publisher = new EventPublisher(producer)) {
            publisher.publish("events", "WS-01", bytes("{\"EventID\":4688}"));
            publisher.publish("alerts", null, bytes("{\"rule\":\"r1\"}"));
            publisher.flush();
        }

        assertThat(producer.history()).extracting(ProducerRecord::topic, ProducerRecord::key)
                .containsExactly(
                        tuple("events", "WS-01"),
                        tuple("alerts", null));
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void flushReportsAFailedSendOnce() {
        MockProducer<String, byte[]> producer = producer(false);
        EventPublisher publisher = new EventPublisher(producer);
        publisher.publish("events", "WS-01", bytes("{}"));
        producer.errorNext(new NotEnoughReplicasException("not enough replicas"));

        assertThatThrownBy(publisher::flush)
                .isInstanceOf(KafkaException.class)
                .hasMessage("1 record(s) could not be published")
                .hasCauseInstanceOf(NotEnoughReplicasException.class);
        publisher.flush();
        publisher.close();
    }

    @Test
    void fixesDurabilitySettings() {
        Map<String, Object> properties = EventPublisher.producerProperties("127.0.0.1:9092", Map.of("linger.ms", "20"));

        assertThat(properties)
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("linger.ms", "20");
        assertThatThrownBy(() -> EventPublisher.producerProperties("b:9092", Map.of("acks", "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kafka.acks cannot be set for the publisher: it is fixed by Vigil");
    }

    private static MockProducer<String, byte[]> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new StringSerializer(), new ByteArraySerializer());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
