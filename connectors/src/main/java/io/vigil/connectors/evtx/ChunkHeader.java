package io.vigil.connectors.evtx;

import java.util.zip.CRC32;

/**
 * The 512-byte chunk header. Offsets are relative to the chunk start.
 *
 * @param lastRecordOffset where the last record of the chunk starts
 * @param freeSpaceOffset where the chunk's free (unallocated) space starts
 */
record ChunkHeader(long firstRecordNumber, long lastRecordNumber, long firstRecordId, long lastRecordId,
        int lastRecordOffset, int freeSpaceOffset, long storedDataChecksum, long storedHeaderChecksum) {
    static final int SIZE = 512;
    static final byte[] SIGNATURE = {'E', 'l', 'f', 'C', 'h', 'n', 'k', 0};

    static ChunkHeader parse(byte[] b) {
        return new ChunkHeader(Bytes.i64(b, 8), Bytes.i64(b, 16), Bytes.i64(b, 24), Bytes.i64(b, 32),
                Bytes.i32(b, 44), Bytes.i32(b, 48), Bytes.u32(b, 52), Bytes.u32(b, 124));
    }

    /** CRC32 of bytes 0-119 and 128-511 of the chunk. */
    static long headerChecksum(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b, 0, 120);
        crc.update(b, 128, SIZE - 128);
        return crc.getValue();
    }

    /** CRC32 of the records data, bytes 512 up to the free-space offset. */
    static long dataChecksum(byte[] b, int end) {
        CRC32 crc = new CRC32();
        crc.update(b, SIZE, end - SIZE);
        return crc.getValue();
    }

    /** True when the record identifier lies in the chunk's declared range. */
    boolean declares(long recordId) {
        return recordId >= firstRecordId && recordId <= lastRecordId;
    }
}
