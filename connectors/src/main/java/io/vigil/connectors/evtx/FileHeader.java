package io.vigil.connectors.evtx;

import java.util.zip.CRC32;

/**
 * The 4096-byte file header (only its first 128 bytes are used).
 *
 * @param signatureValid the file starts with {@code ElfFile\0}
 * @param chunkCount the number of chunks the header declares
 * @param flags 0x1 dirty, 0x2 full, 0x4 checksums not kept (EVTX 3.2)
 * @param storedChecksum CRC32 of bytes 0-119 as stored at offset 124
 * @param computedChecksum CRC32 of bytes 0-119 as computed
 */
record FileHeader(boolean signatureValid, long firstChunk, long lastChunk, long nextRecordId, int minorVersion,
        int majorVersion, int chunkCount, int flags, long storedChecksum, long computedChecksum) {
    static final int SIZE = 4096;
    static final byte[] SIGNATURE = {'E', 'l', 'f', 'F', 'i', 'l', 'e', 0};
    static final int FLAG_DIRTY = 0x1;
    static final int FLAG_NO_CRC = 0x4;
    /**
     * What is assumed of a file whose header lacks the signature: no chunks declared, checksums
     * kept, and the dirty flag, so that every chunk found by its signature is read without a
     * warning that the header did not declare it.
     */
    static final FileHeader UNKNOWN = new FileHeader(false, 0, 0, 0, 1, 3, 0, FLAG_DIRTY, 0, 0);

    /** Reads the header from the first 128 bytes of {@code b}. */
    static FileHeader parse(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b, 0, 120);
        return new FileHeader(Bytes.startsWith(b, 0, SIGNATURE), Bytes.i64(b, 8), Bytes.i64(b, 16), Bytes.i64(b, 24),
                Bytes.u16(b, 36), Bytes.u16(b, 38), Bytes.u16(b, 42), Bytes.i32(b, 120), Bytes.u32(b, 124),
                crc.getValue());
    }

    boolean dirty() {
        return (flags & FLAG_DIRTY) != 0;
    }

    /** EVTX 3.2 may skip the checksums. */
    boolean checksumsKept() {
        return (flags & FLAG_NO_CRC) == 0;
    }

    boolean checksumValid() {
        return storedChecksum == computedChecksum;
    }

    String version() {
        return majorVersion + "." + minorVersion;
    }
}
