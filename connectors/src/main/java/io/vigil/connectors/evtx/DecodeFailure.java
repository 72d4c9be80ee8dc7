package io.vigil.connectors.evtx;

/**
 * Binary XML or a record that cannot be decoded. Thrown inside the reader and turned into one
 * report per record, so it carries no stack trace.
 */
final class DecodeFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DecodeFailure(String message) {
        super(message, null, false, false);
    }

    /** A failure at a chunk-relative offset. */
    static DecodeFailure at(int chunkOffset, String message) {
        return new DecodeFailure(message + " at chunk offset 0x" + Integer.toHexString(chunkOffset));
    }
}
