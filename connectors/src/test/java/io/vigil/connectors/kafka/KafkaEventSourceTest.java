package io.vigil.connectors.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.junit.jupiter.api.Test;

class KafkaEventSourceTest {
    private static final TopicPartition P0 = new TopicPartition("events", 0);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final KafkaEventSource source = new KafkaEventSource(consumer, "events");

    @Test
    void pollsABatchOfRawRecords() {
        subscribeAndAssign();
        consumer.addRecord(record(0, "{\"EventID\":1}"));
        consumer.addRecord(record(1, "{\"EventID\":4688}"));

        List<ConsumerRecord<byte[], byte[]>> batch = source.poll(Duration.ZERO);

        assertThat(batch).extracting(ConsumerRecord::offset).containsExactly(0L, 1L);
        assertThat(new String(batch.get(1).value(), UTF_8)).isEqualTo("{\"EventID\":4688}");
        assertThat(source.poll(Duration.ZERO)).isEmpty();
        assertThat(consumer.subscription()).containsExactly("events");
    }

    @Test
    void commitsGivenOffsets() {
        subscribeAndAssign();

        source.commit(Map.of(P0, new OffsetAndMetadata(42)));

        assertThat(consumer.committed(Set.of(P0))).containsEntry(P0, new OffsetAndMetadata(42));
    }

    @Test
    void resetsToEarliestOffset() {
        subscribeAndAssign();
        consumer.updateBeginningOffsets(Map.of(P0, 17L));

        assertThat(source.resetToEarliest(List.of(P0))).containsExactly(Map.entry(P0, new OffsetAndMetadata(17)));
    }

    @Test
    void wakeupAbortsPoll() {
        subscribeAndAssign();
        source.wakeup();

        assertThatThrownBy(() -> source.poll(Duration.ofSeconds(1)))
                .isInstanceOf(WakeupException.class);
    }

    @Test
    void closeClosesTheConsumerOnce() {
        source.close();
        source.close();

        assertThat(consumer.closed()).isTrue();
    }

    private void subscribeAndAssign() {
        source.subscribe(new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            }
        });
        consumer.rebalance(List.of(P0));
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, String json) {
        return new ConsumerRecord<>("events", 0, offset, "host".getBytes(UTF_8), json.getBytes(UTF_8));
    }
}
