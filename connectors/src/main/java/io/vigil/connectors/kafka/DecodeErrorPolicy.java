package io.vigil.connectors.kafka;

/**
 * What a record handler does with a record it cannot decode into an event. Whatever the policy,
 * the failure is logged with topic, partition and offset.
 */
public enum DecodeErrorPolicy {
    /** Log the record's coordinates and the reason, count it, and go on with the next record. */
    LOG_AND_CONTINUE,
    /** Stop the detection loop; the record's offset is not committed, so it is read again on restart. */
    FAIL
}
