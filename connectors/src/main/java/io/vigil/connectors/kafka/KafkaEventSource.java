package io.vigil.connectors.kafka;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raw records of one Kafka topic, read through a consumer group. A thin wrapper over a
 * {@link Consumer} of byte arrays: it neither decodes records nor decides when to commit; the
 * caller (the detection loop) decodes with the JSON event decoder and commits what it has
 * processed.
 *
 * <p>Like the consumer it wraps, an instance is used from one thread, except {@link #wakeup()}.
 */
public final class KafkaEventSource implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaEventSource.class);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private boolean closed;

    /**
     * @param consumer the consumer to read with; this source owns it and closes it
     * @param topic the topic to subscribe to
     */
    public KafkaEventSource(Consumer<byte[], byte[]> consumer, String topic) {
        this.consumer = requireNonNull(consumer, "consumer is null");
        this.topic = requireNonNull(topic, "topic is null");
    }

    /** Creates a source over a new {@link KafkaConsumer} configured from {@code config}. */
    public static KafkaEventSource create(KafkaSourceConfig config) {
        requireNonNull(config, "config is null");
        Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                config.consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        log.debug("Created consumer for topic {} in group {} at {}",
                config.topic(), config.groupId(), config.bootstrapServers());
        return new KafkaEventSource(consumer, config.topic());
    }

    public String topic() {
        return topic;
    }

    /**
     * Subscribes to the topic. {@code listener} is called from inside {@link #poll(Duration)} (and
     * {@link #close()}) when partitions are assigned, revoked or lost.
     */
    public void subscribe(ConsumerRebalanceListener listener) {
        requireNonNull(listener, "listener is null");
        consumer.subscribe(List.of(topic), listener);
    }

    /**
     * Fetches the next batch, in partition order and offset order within a partition. Returns an
     * empty list if nothing arrived within {@code timeout}.
     *
     * @throws org.apache.kafka.common.errors.WakeupException if {@link #wakeup()} was called
     */
    public List<ConsumerRecord<byte[], byte[]>> poll(Duration timeout) {
        requireNonNull(timeout, "timeout is null");
        ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
        if (records.isEmpty()) {
            return List.of();
        }
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            batch.add(record);
        }
        return Collections.unmodifiableList(batch);
    }

    /**
     * Commits {@code offsets} synchronously. Each offset is the next record to read, that is the
     * last processed offset plus one.
     */
    public void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        requireNonNull(offsets, "offsets is null");
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
        }
    }

    /**
     * Moves {@code partitions} to their earliest available offset and returns those positions,
     * ready to be committed. Used when a committed offset is out of range or missing.
     */
    public Map<TopicPartition, OffsetAndMetadata> resetToEarliest(Collection<TopicPartition> partitions) {
        requireNonNull(partitions, "partitions is null");
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, OffsetAndMetadata> positions = new LinkedHashMap<>();
        for (TopicPartition partition : partitions) {
            positions.put(partition, new OffsetAndMetadata(consumer.position(partition)));
        }
        return Collections.unmodifiableMap(positions);
    }

    /** The partitions currently assigned to this consumer. */
    public Set<TopicPartition> assignment() {
        return consumer.assignment();
    }

    /** Aborts a blocking {@link #poll(Duration)} or commit; safe to call from any thread. */
    public void wakeup() {
        consumer.wakeup();
    }

    /**
     * Leaves the group and closes the consumer, which may invoke the rebalance listener. Closing
     * twice (the detection loop closes its source, and so may a try-with-resources) does nothing.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            consumer.close();
        }
    }
}
