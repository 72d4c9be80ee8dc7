package io.vigil.engine.kafka;

import static java.util.Objects.requireNonNull;

import io.vigil.connectors.kafka.KafkaEventSource;
import io.vigil.engine.kafka.LoopSummary.StopReason;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.InvalidOffsetException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consume loop: poll a batch, hand each record to a {@link RecordHandler}, {@code flush()} the
 * handler, then commit the batch's offsets. Offsets are committed only after the handler's output
 * is flushed, so every record is processed at least once; they are also committed when
 * partitions are revoked.
 *
 * <p>Kafka errors are handled in the three groups of Kafka's example consumer: authorization,
 * unsupported-version and deserialization errors are fatal and rethrown; invalid or missing
 * offsets are reset to the earliest offset, committed and logged; any other
 * {@link KafkaException} is logged and the loop goes on. A failure of the handler stops the loop
 * with a {@link DetectionLoopException}, without committing the records handled since the last
 * flush.
 *
 * <p>{@link #run()} runs on one thread and closes the source when it returns. {@link #shutdown()}
 * may be called from any thread, for example a shutdown hook.
 */
public final class DetectionLoop {
    private static final Logger log = LoggerFactory.getLogger(DetectionLoop.class);

    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(500);
    private static final long UNLIMITED = Long.MAX_VALUE;

    private final KafkaEventSource source;
    private final RecordHandler handler;
    private final Duration pollTimeout;
    /** Milliseconds without records after which {@link #run()} returns, or {@link #UNLIMITED}. */
    private final long maxIdleMillis;
    private final long maxRecords;
    private final InstantSource clock;

    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();

    // state of the run; touched only by the thread in run(), which also runs the rebalance callbacks
    /** Next offsets of records handled but not yet flushed. */
    private final Map<TopicPartition, OffsetAndMetadata> handled = new LinkedHashMap<>();
    /** Next offsets of records flushed but not yet committed. */
    private final Map<TopicPartition, OffsetAndMetadata> flushed = new LinkedHashMap<>();
    private long handledCount;
    private long records;
    private long batches;
    private Instant idleSince;
    /** Set when the handler threw; from then on nothing it handled is flushed or committed. */
    private DetectionLoopException handlerFailure;

    private DetectionLoop(Builder builder) {
        this.source = builder.source;
        this.handler = builder.handler;
        this.pollTimeout = builder.pollTimeout;
        this.maxIdleMillis = builder.maxIdleMillis;
        this.maxRecords = builder.maxRecords;
        this.clock = builder.clock;
    }

    public static Builder builder(KafkaEventSource source, RecordHandler handler) {
        return new Builder(source, handler);
    }

    /**
     * Subscribes and processes records until {@link #shutdown()} is called, the topic has been idle
     * for the configured time, or the maximum number of records has been handled; then commits
     * what was flushed and closes the source. May be called once.
     *
     * @throws DetectionLoopException if the handler failed
     * @throws KafkaException if Kafka reported an error the loop cannot recover from
     */
    public LoopSummary run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("run() may be called only once");
        }
        log.info("[topic {}] Detection loop started", source.topic());
        idleSince = clock.instant();
        StopReason reason = StopReason.SHUTDOWN;
        try {
            source.subscribe(new CommitOnRevoke());
            reason = pollUntilStopped();
        } catch (WakeupException e) {
            if (!closed.get()) {
                throw e;
            }
        } finally {
            // only flushed offsets: records handled after the last flush are read again
            commitQuietly(flushed, "on stop");
            source.close();
        }
        log.info("[topic {}] Detection loop stopped ({}) after {} records in {} batches",
                source.topic(), reason, records, batches);
        return new LoopSummary(reason, records, batches);
    }

    /** Asks {@link #run()} to return after the current batch; safe to call from any thread. */
    public void shutdown() {
        closed.set(true);
        source.wakeup();
    }

    private StopReason pollUntilStopped() {
        while (!closed.get()) {
            try {
                List<ConsumerRecord<byte[], byte[]>> batch = source.poll(pollTimeout);
                throwIfHandlerFailed();
                if (batch.isEmpty()) {
                    if (idleExpired()) {
                        return StopReason.IDLE;
                    }
                    idle();
                    continue;
                }
                boolean limitReached = process(batch);
                commitFlushed();
                idleSince = clock.instant();
                if (limitReached) {
                    return StopReason.MAX_RECORDS;
                }
            } catch (WakeupException e) {
                if (!closed.get()) {
                    throw e;
                }
            } catch (AuthorizationException | UnsupportedVersionException | RecordDeserializationException e) {
                log.error("[topic {}] Stopping: {}", source.topic(), e.toString());
                throw e;
            } catch (InvalidOffsetException e) {
                Map<TopicPartition, OffsetAndMetadata> reset = source.resetToEarliest(e.partitions());
                source.commit(reset);
                log.warn("[topic {}] No valid committed offset ({}); reset to earliest and committed {}",
                        source.topic(), e.getMessage(), reset);
            } catch (InterruptException e) {
                log.warn("[topic {}] Interrupted; stopping", source.topic());
                throw e;
            } catch (KafkaException e) {
                throwIfHandlerFailed();
                log.warn("[topic {}] Kafka error, continuing: {}", source.topic(), e.toString());
                log.debug("[topic {}] Kafka error", source.topic(), e);
            }
        }
        return StopReason.SHUTDOWN;
    }

    private void idle() {
        try {
            handler.idle();
        } catch (Exception e) {
            throw new DetectionLoopException("record handler failed while idle: " + e, e);
        }
    }

    /** Handles a batch and flushes the handler. Returns true if the record limit was reached. */
    private boolean process(List<ConsumerRecord<byte[], byte[]>> batch) {
        batches++;
        boolean limitReached = false;
        TopicPartition partition = null;
        ConsumerRecord<byte[], byte[]> last = null;
        for (ConsumerRecord<byte[], byte[]> record : batch) {
            if (last != null && (record.partition() != last.partition() || !record.topic().equals(last.topic()))) {
                markHandled(partition, last);
                partition = null;
            }
            if (partition == null) {
                partition = new TopicPartition(record.topic(), record.partition());
            }
            try {
                handler.handle(record);
            } catch (Exception e) {
                throw handlerFailed("Record handler failed on " + partition + " at offset " + record.offset(), e);
            }
            last = record;
            handledCount++;
            if (records + handledCount >= maxRecords) {
                limitReached = true;
                break;
            }
        }
        if (last != null) {
            markHandled(partition, last);
        }
        flushHandler("after batch");
        return limitReached;
    }

    private void markHandled(TopicPartition partition, ConsumerRecord<byte[], byte[]> last) {
        handled.put(partition, new OffsetAndMetadata(last.offset() + 1, last.leaderEpoch(), ""));
    }

    /** Flushes the handler and moves the handled offsets to the committable ones. */
    private void flushHandler(String when) {
        try {
            handler.flush();
        } catch (Exception e) {
            throw handlerFailed("Record handler failed to flush " + when, e);
        }
        flushed.putAll(handled);
        handled.clear();
        records += handledCount;
        handledCount = 0;
    }

    private void commitFlushed() {
        if (!flushed.isEmpty()) {
            source.commit(Collections.unmodifiableMap(new LinkedHashMap<>(flushed)));
            log.debug("[topic {}] Committed {}", source.topic(), flushed);
            flushed.clear();
        }
    }

    /** Commits {@code offsets} where a failure must not escape: in a callback or while stopping. */
    private void commitQuietly(Map<TopicPartition, OffsetAndMetadata> offsets, String when) {
        if (offsets.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> copy = Collections.unmodifiableMap(new LinkedHashMap<>(offsets));
        try {
            try {
                source.commit(copy);
            } catch (WakeupException e) {
                // a shutdown() raced with this commit; the wakeup is consumed, so try once more
                source.commit(copy);
            }
            log.debug("[topic {}] Committed {} {}", source.topic(), when, copy);
            offsets.keySet().removeAll(copy.keySet());
        } catch (KafkaException e) {
            log.warn("[topic {}] Cannot commit {} {}; those records will be read again: {}",
                    source.topic(), when, copy, e.toString());
        }
    }

    private boolean idleExpired() {
        return maxIdleMillis != UNLIMITED
                && Duration.between(idleSince, clock.instant()).toMillis() >= maxIdleMillis;
    }

    private DetectionLoopException handlerFailed(String message, Exception cause) {
        handlerFailure = new DetectionLoopException(message, cause);
        // the cause travels with the exception; logging it here too would print it twice
        log.error("[topic {}] {}: {}; stopping without committing records handled since the last flush",
                source.topic(), message, cause.toString());
        return handlerFailure;
    }

    private void throwIfHandlerFailed() {
        if (handlerFailure != null) {
            throw handlerFailure;
        }
    }

    /** Flushes and commits before partitions go to another consumer; forgets lost partitions. */
    private final class CommitOnRevoke implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            log.info("[topic {}] Assigned partitions {}", source.topic(), partitions);
            idleSince = clock.instant();
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            log.info("[topic {}] Revoking partitions {}", source.topic(), partitions);
            try {
                if (handlerFailure == null) {
                    flushHandler("before revocation");
                }
            } catch (DetectionLoopException e) {
                // kept in handlerFailure and thrown by the loop once poll() returns; thrown from
                // here, the consumer would wrap it in a KafkaException that the loop logs and ignores
            }
            Map<TopicPartition, OffsetAndMetadata> revoked = new LinkedHashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = flushed.get(partition);
                if (offset != null) {
                    revoked.put(partition, offset);
                }
            }
            commitQuietly(revoked, "on revocation");
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            log.warn("[topic {}] Lost partitions {}; their uncommitted records will be read again",
                    source.topic(), partitions);
            forget(partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            handled.keySet().removeAll(partitions);
            flushed.keySet().removeAll(partitions);
        }
    }

    /** Options of a {@link DetectionLoop}. */
    public static final class Builder {
        private final KafkaEventSource source;
        private final RecordHandler handler;
        private Duration pollTimeout = DEFAULT_POLL_TIMEOUT;
        private long maxIdleMillis = UNLIMITED;
        private long maxRecords = UNLIMITED;
        private InstantSource clock = InstantSource.system();

        private Builder(KafkaEventSource source, RecordHandler handler) {
            this.source = requireNonNull(source, "source is null");
            this.handler = requireNonNull(handler, "handler is null");
        }

        /** How long one poll waits for records; also bounds how late an idle stop is noticed. */
        public Builder pollTimeout(Duration pollTimeout) {
            requireNonNull(pollTimeout, "pollTimeout is null");
            if (pollTimeout.isNegative()) {
                throw new IllegalArgumentException("pollTimeout is negative: " + pollTimeout);
            }
            this.pollTimeout = pollTimeout;
            return this;
        }

        /**
         * Makes {@link DetectionLoop#run()} return once no record has arrived for {@code maxIdle},
         * counted from the start, the last partition assignment, or the last batch.
         */
        public Builder stopWhenIdle(Duration maxIdle) {
            requireNonNull(maxIdle, "maxIdle is null");
            if (maxIdle.isNegative()) {
                throw new IllegalArgumentException("maxIdle is negative: " + maxIdle);
            }
            this.maxIdleMillis = maxIdle.toMillis();
            return this;
        }

        /** Makes {@link DetectionLoop#run()} return once {@code maxRecords} records were handled. */
        public Builder maxRecords(long maxRecords) {
            if (maxRecords < 1) {
                throw new IllegalArgumentException("maxRecords must be at least 1: " + maxRecords);
            }
            this.maxRecords = maxRecords;
            return this;
        }

        /** The clock for idle time; tests pass a fake one. */
        public Builder clock(InstantSource clock) {
            this.clock = requireNonNull(clock, "clock is null");
            return this;
        }

        public DetectionLoop build() {
            return new DetectionLoop(this);
        }
    }
}
