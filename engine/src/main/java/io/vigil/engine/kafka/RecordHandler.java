package io.vigil.engine.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the {@link DetectionLoop} does with records: typically decode into an event, evaluate the
 * rules, and emit detections and counters.
 *
 * <p>Both methods are called on the loop's thread. A handler that throws stops the loop, and the
 * offsets of the records it handled since the last successful {@link #flush()} are not committed,
 * so they are read again after a restart.
 */
public interface RecordHandler {
    /**
     * Handles one record. A record that cannot be decoded is dealt with here, according to the
     * handler's {@code DecodeErrorPolicy}.
     */
    void handle(ConsumerRecord<byte[], byte[]> record) throws Exception;

    /**
     * Makes the output of every record handled so far durable (for example flushes a sink or waits
     * for producer acknowledgements). Called after each batch and before partitions are revoked;
     * offsets are committed only after it returns.
     */
    void flush() throws Exception;

    /**
     * Called when a poll returned no records, so that time-based work (closing the windows of
     * hosts that fell silent) happens while the topic is quiet. Nothing is committed after it.
     */
    default void idle() throws Exception {
    }
}
