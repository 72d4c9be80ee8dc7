package io.vigil.engine.kafka;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records to Kafka with an idempotent producer and {@code acks=all}: the producer of
 * {@code vigil replay} (events keyed by host) and of alert output to a topic.
 *
 * <p>{@link #publish} is asynchronous. A send that fails is remembered, and the next
 * {@link #flush()} throws, so a caller that flushes before committing its input offsets never
 * commits input whose output was lost.
 */
public final class EventPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

    private static final List<String> FIXED = List.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            ProducerConfig.ACKS_CONFIG,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);

    private final Producer<String, byte[]> producer;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final AtomicLong failures = new AtomicLong();

    /**
     * @param producer the producer to write with; this publisher owns it and closes it
     */
    public EventPublisher(Producer<String, byte[]> producer) {
        this.producer = requireNonNull(producer, "producer is null");
    }

    /**
     * Creates a publisher over a new {@link KafkaProducer}.
     *
     * @param clientProperties Kafka producer properties passed through (names without the
     *     {@code kafka.} prefix); bootstrap servers, acks, idempotence and serializers are fixed
     */
    public static EventPublisher create(String bootstrapServers, Map<String, String> clientProperties) {
        requireNonNull(bootstrapServers, "bootstrapServers is null");
        return new EventPublisher(new KafkaProducer<>(
                producerProperties(bootstrapServers, clientProperties), new StringSerializer(), new ByteArraySerializer()));
    }

    /** The properties {@link #create} gives the producer. */
    public static Map<String, Object> producerProperties(String bootstrapServers, Map<String, String> clientProperties) {
        requireNonNull(bootstrapServers, "bootstrapServers is null");
        requireNonNull(clientProperties, "clientProperties is null");
        for (String name : FIXED) {
            if (clientProperties.containsKey(name)) {
                throw new IllegalArgumentException("kafka." + name + " cannot be set for the publisher: it is fixed by Vigil");
            }
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.putAll(clientProperties);
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return Collections.unmodifiableMap(properties);
    }

    /**
     * Sends one record asynchronously. Records with the same key go to the same partition, in order.
     *
     * @param key the partitioning key (for events, the host name), or null to spread records
     * @throws KafkaException if an earlier send failed and has not been reported by {@link #flush()}
     */
    public void publish(String topic, String key, byte[] value) {
        requireNonNull(topic, "topic is null");
        requireNonNull(value, "value is null");
        throwIfFailed();
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, exception) -> {
            if (exception != null) {
                failures.incrementAndGet();
                if (firstFailure.compareAndSet(null, exception)) {
                    log.warn("Cannot publish to topic {} (key {}): {}", topic, key, exception.toString());
                }
            }
        });
    }

    /**
     * Waits until every record published so far is acknowledged by all in-sync replicas.
     *
     * @throws KafkaException if any of them could not be written
     */
    public void flush() {
        producer.flush();
        throwIfFailed();
    }

    /** Sends what is buffered and closes the producer. Failures are logged, not thrown. */
    @Override
    public void close() {
        producer.close();
        Exception failure = firstFailure.get();
        if (failure != null) {
            log.warn("Closed publisher after {} failed sends; first failure: {}", failures.get(), failure.toString());
        }
    }

    private void throwIfFailed() {
        Exception failure = firstFailure.getAndSet(null);
        if (failure != null) {
            long count = failures.getAndSet(0);
            throw new KafkaException(count + " record(s) could not be published", failure);
        }
    }
}
