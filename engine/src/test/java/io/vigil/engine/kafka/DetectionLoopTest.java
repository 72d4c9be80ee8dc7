package io.vigil.engine.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.connectors.kafka.KafkaEventSource;
import io.vigil.engine.kafka.LoopSummary.StopReason;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.NoOffsetForPartitionException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DetectionLoopTest {
    private static final String TOPIC = "events";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    /** What happened, in order: handled records, flushes and commits. */
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final RecordingConsumer consumer = new RecordingConsumer(events);
    private final RecordingHandler handler = new RecordingHandler(events);
    private final KafkaEventSource source = new KafkaEventSource(consumer, TOPIC);

    @Test
    void commitsOffsetsOnlyAfterFlush() {
        consumer.schedulePollTask(() -> {
            assign(P0);
            addRecords(P0, 0, 3);
        });

        LoopSummary summary = idleStoppingLoop().run();

        assertThat(summary).isEqualTo(new LoopSummary(StopReason.IDLE, 3, 1));
        assertThat(events).containsExactly(
                "handle events-0@0", "handle events-0@1", "handle events-0@2", "flush", "commit {events-0=3}");
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void commitsEveryPartitionOfABatch() {
        consumer.schedulePollTask(() -> {
            assign(P0, P1);
            addRecords(P0, 0, 2);
            addRecords(P1, 5, 1);
        });

        LoopSummary summary = idleStoppingLoop().run();

        assertThat(summary.records()).isEqualTo(3);
        assertThat(events).containsSubsequence("flush", "commit {events-0=2, events-1=6}");
    }

    @Test
    void doesNotCommitWhenHandlerFails() {
        handler.failOnOffset = 1;
        consumer.schedulePollTask(() -> {
            assign(P0);
            addRecords(P0, 0, 3);
        });

        assertThatThrownBy(() -> idleStoppingLoop().run())
                .isInstanceOf(DetectionLoopException.class)
                .hasMessage("Record handler failed on events-0 at offset 1")
                .hasRootCauseMessage("cannot handle offset 1");
        assertThat(events).containsExactly("handle events-0@0", "handle events-0@1");
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void doesNotCommitWhenFlushFails() {
        handler.failFlush = true;
        consumer.schedulePollTask(() -> {
            assign(P0);
            addRecords(P0, 0, 2);
        });

        assertThatThrownBy(() -> idleStoppingLoop().run())
                .isInstanceOf(DetectionLoopException.class)
                .hasMessage("Record handler failed to flush after batch");
        assertThat(events).containsExactly("handle events-0@0", "handle events-0@1", "flush");
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void stopsOnShutdownFromAnotherThread() throws Exception {
        CountDownLatch handledAll = new CountDownLatch(3);
        handler.onHandle = handledAll::countDown;
        consumer.schedulePollTask(() -> {
            assign(P0);
            addRecords(P0, 0, 3);
        });
        DetectionLoop loop = DetectionLoop.builder(source, handler).pollTimeout(Duration.ofMillis(10)).build();

        CompletableFuture<LoopSummary> run = CompletableFuture.supplyAsync(loop::run);
        assertThat(handledAll.await(10, TimeUnit.SECONDS)).isTrue();
        loop.shutdown();

        assertThat(run.get(10, TimeUnit.SECONDS)).isEqualTo(new LoopSummary(StopReason.SHUTDOWN, 3, 1));
        assertThat(events).containsSubsequence("flush", "commit {events-0=3}");
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void shutdownDuringPollEndsTheLoopWithoutError() {
        DetectionLoop loop = idleStoppingLoop();
        consumer.schedulePollTask(() -> {
            assign(P0);
            addRecords(P0, 0, 1);
        });
        consumer.schedulePollTask(loop::shutdown);

        assertThat(loop.run()).isEqualTo(new LoopSummary(StopReason.SHUTDOWN, 1, 1));
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void flushesAndCommitsWhenPartitionsAreRevoked() {
        // the commit after the batch fails (a rebalance started), so the offsets are still pending
        // when the partition is revoked in the next poll
        consumer.failCommits(1, new RebalanceInProgressException("rebalancing"));
        consumer.schedulePollTask(() -> {
            assign(P0, P1);
            addRecords(P0, 0, 2);
        });
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(P1)));

        LoopSummary summary = idleStoppingLoop().run();

        assertThat(summary.records()).isEqualTo(2);
        assertThat(events).containsExactly(
                "handle events-0@0", "handle events-0@1", "flush", "commit failed {events-0=2}",
                "flush", "commit {events-0=2}");
    }

    @Test
    void stopsAfterMaxRecordsAndCommitsOnlyHandledRecords() {
        consumer.schedulePollTask(() -> {
            assign(P0);
            addRecords(P0, 0, 5);
        });

        LoopSummary summary = DetectionLoop.builder(source, handler).maxRecords(3).build().run();

        assertThat(summary).isEqualTo(new LoopSummary(StopReason.MAX_RECORDS, 3, 1));
        assertThat(events).containsExactly(
                "handle events-0@0", "handle events-0@1", "handle events-0@2", "flush", "commit {events-0=3}");
    }

    @Test
    void stopsOnFatalErrorAfterCommittingFlushedRecords() {
        consumer.schedulePollTask(() -> {
            assign(P0);
            addRecords(P0, 0, 1);
        });
        consumer.schedulePollTask(() -> consumer.setPollException(new TopicAuthorizationException(Set.of(TOPIC))));

        assertThatThrownBy(() -> idleStoppingLoop().run()).isInstanceOf(TopicAuthorizationException.class);
        assertThat(events).containsExactly("handle events-0@0", "flush", "commit {events-0=1}");
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void continuesAfterOtherKafkaErrors() {
        consumer.schedulePollTask(() -> {
            assign(P0);
            consumer.setPollException(new KafkaException("transient"));
        });
        consumer.schedulePollTask(() -> addRecords(P0, 0, 1));

        LoopSummary summary = idleStoppingLoop().run();

        assertThat(summary).isEqualTo(new LoopSummary(StopReason.IDLE, 1, 1));
        assertThat(events).containsExactly("handle events-0@0", "flush", "commit {events-0=1}");
    }

    @Test
    void resetsAndCommitsAnInvalidOffset() {
        consumer.schedulePollTask(() -> {
            assign(P0);
            consumer.updateBeginningOffsets(Map.of(P0, 7L));
            consumer.setPollException(new NoOffsetForPartitionException(P0));
        });

        idleStoppingLoop().run();

        assertThat(events).containsExactly("commit {events-0=7}");
    }

    @Test
    void rejectsASecondRun() {
        DetectionLoop loop = idleStoppingLoop();
        loop.run();

        assertThatThrownBy(loop::run).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void callsIdleOnEmptyPollsSoTimeBasedWorkHappensWhileTheTopicIsQuiet() {
        consumer.schedulePollTask(() -> {
            assign(P0);
            addRecords(P0, 0, 1);
        });
        RecordHandler idleRecording = new RecordHandler() {
            @Override
            public void handle(ConsumerRecord<byte[], byte[]> record) {
                handler.handle(record);
            }

            @Override
            public void flush() throws Exception {
                handler.flush();
            }

            @Override
            public void idle() {
                events.add("idle");
            }
        };
        LoopSummary summary = DetectionLoop.builder(source, idleRecording)
                .pollTimeout(Duration.ZERO)
                .stopWhenIdle(Duration.ofSeconds(5))
                .clock(new SteppingClock(Duration.ofSeconds(1)))
                .build()
                .run();

        assertThat(summary.stopReason()).isEqualTo(StopReason.IDLE);
        assertThat(events.subList(0, 3)).containsExactly("handle events-0@0", "flush", "commit {events-0=1}");
        // empty polls call idle(); nothing is committed after them
        assertThat(events.subList(3, events.size())).isNotEmpty().containsOnly("idle");
    }

    /** A loop that stops after 5 s without records on a clock that advances 1 s per reading. */
    private DetectionLoop idleStoppingLoop() {
        return DetectionLoop.builder(source, handler)
                .pollTimeout(Duration.ZERO)
                .stopWhenIdle(Duration.ofSeconds(5))
                .clock(new SteppingClock(Duration.ofSeconds(1)))
                .build();
    }

    private void assign(TopicPartition... partitions) {
        consumer.rebalance(List.of(partitions));
        Map<TopicPartition, Long> beginning = new HashMap<>();
        for (TopicPartition partition : partitions) {
            beginning.put(partition, 0L);
        }
        consumer.updateBeginningOffsets(beginning);
    }

    private void addRecords(TopicPartition partition, long firstOffset, int count) {
        for (long offset = firstOffset; offset < firstOffset + count; offset++) {
            consumer.addRecord(new ConsumerRecord<>(partition.topic(), partition.partition(), offset,
                    "host".getBytes(UTF_8), ("{\"n\":" + offset + "}").getBytes(UTF_8)));
        }
    }

    /** A {@link MockConsumer} that records commits, with the partitions sorted, and can fail them. */
    private static final class RecordingConsumer extends MockConsumer<byte[], byte[]> {
        private final List<String> events;
        private int commitsToFail;
        private KafkaException commitFailure;

        RecordingConsumer(List<String> events) {
            super("earliest");
            this.events = events;
        }

        void failCommits(int count, KafkaException failure) {
            this.commitsToFail = count;
            this.commitFailure = failure;
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            Map<String, Long> sorted = new TreeMap<>();
            offsets.forEach((partition, offset) -> sorted.put(partition.toString(), offset.offset()));
            if (commitsToFail > 0) {
                commitsToFail--;
                events.add("commit failed " + sorted);
                throw commitFailure;
            }
            super.commitSync(offsets);
            events.add("commit " + sorted);
        }
    }

    /** A handler that records what it is given and can be told to fail. */
    private static final class RecordingHandler implements RecordHandler {
        private final List<String> events;
        long failOnOffset = -1;
        boolean failFlush;
        Runnable onHandle = () -> { };

        RecordingHandler(List<String> events) {
            this.events = events;
        }

        @Override
        public void handle(ConsumerRecord<byte[], byte[]> record) {
            events.add("handle " + record.topic() + "-" + record.partition() + "@" + record.offset());
            if (record.offset() == failOnOffset) {
                throw new IllegalArgumentException("cannot handle offset " + record.offset());
            }
            onHandle.run();
        }

        @Override
        public void flush() throws Exception {
            events.add("flush");
            if (failFlush) {
                throw new IOException("disk full");
            }
        }
    }

    /** A clock that moves forward by a fixed step each time it is read. */
    private static final class SteppingClock implements InstantSource {
        private final Duration step;
        private Instant now = Instant.parse("2024-01-01T00:00:00Z");

        SteppingClock(Duration step) {
            this.step = step;
        }

        @Override
        public synchronized Instant instant() {
            now = now.plus(step);
            return now;
        }
    }
}
