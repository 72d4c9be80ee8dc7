package io.vigil.connectors.evtx;

import static java.util.Objects.requireNonNull;

import io.vigil.connectors.event.Event;
import io.vigil.connectors.spi.DecodeErrorListener;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Walks the records of an .evtx stream chunk by chunk, in file order, holding one chunk in memory.
 *
 * <ul>
 *   <li>Every 64 KiB block after the file header that starts with {@code ElfChnk\0} is a chunk,
 *       whatever the header says: a dirty header's counters are stale, and chunks past the
 *       declared count are read too. Declared chunks that are missing, truncated or lack the
 *       signature are reported as errors.</li>
 *   <li>In a chunk, records are read from offset 512 up to the free-space offset. A record with a
 *       bad signature, size or size copy ends the allocated records of the chunk: it is reported,
 *       and what follows is slack.</li>
 *   <li>With {@link EvtxOptions#recoverSlack()}, the slack of each chunk (and blocks that lost
 *       their chunk header) is scanned at 8-byte steps for records whose size and size copy agree;
 *       records whose identifier was already read from the chunk are skipped.</li>
 * </ul>
 *
 * Checksum mismatches and header oddities are warnings; records are still read, each one checked
 * on its own.
 */
final class RecordCursor {
    private static final int RECORD_SIGNATURE = 0x00002a2a;
    private static final int RECORD_HEADER = 24;
    private static final int MIN_RECORD = RECORD_HEADER + 4 + 1;
    private static final byte[] ZERO = new byte[Chunk.SIZE];

    private final InputStream in;
    private final String source;
    private final DecodeErrorListener errors;
    private final DecodeErrorListener warnings;
    private final boolean recoverSlack;
    private final Chunk chunk;

    private FileHeader header;
    private boolean started;
    private boolean ended;
    /** The file ended inside the current block. */
    private boolean lastBlock;
    private int blockIndex = -1;
    private boolean warnedExtraChunks;
    /** Blocks that began with a chunk signature. */
    private int chunksFound;
    private boolean reportedNoChunk;

    /** Where the current block is: reading its allocated records, scanning its slack, or done. */
    private static final int ALLOCATED = 0;
    private static final int SLACK = 1;
    private static final int DONE = 2;

    private int phase = DONE;
    private int pos;
    private int limit;
    private boolean truncatedChunk;
    private final RecordIds seen = new RecordIds();
    private int slackFailures;

    // the current record
    private int recordOffset;
    private int recordSize;
    private long recordId;
    private boolean recovered;

    RecordCursor(InputStream in, String source, DecodeErrorListener errors, EvtxOptions options, Chunk chunk) {
        this.in = requireNonNull(in, "in is null");
        this.source = requireNonNull(source, "source is null");
        this.errors = requireNonNull(errors, "errors is null");
        this.warnings = options.warnings();
        this.recoverSlack = options.recoverSlack();
        this.chunk = requireNonNull(chunk, "chunk is null");
    }

    /** Moves to the next record; false at the end of the file. */
    boolean next() throws IOException {
        if (!started) {
            started = true;
            readHeader();
        }
        while (!ended) {
            if (phase == ALLOCATED) {
                if (nextAllocated()) {
                    return true;
                }
            } else if (phase == SLACK) {
                if (nextInSlack()) {
                    return true;
                }
            } else {
                finishChunk();
                if (lastBlock) {
                    ended = true;
                } else {
                    nextBlock();
                }
            }
        }
        if (chunksFound == 0 && header != null && !header.signatureValid() && !reportedNoChunk) {
            reportedNoChunk = true;
            errors.onError(source, "offset 0x0", "no chunk signature anywhere in the file (" + (blockIndex + 1)
                    + " blocks of 64 KiB looked at): not an .evtx file, or one whose chunks are all lost");
        }
        return false;
    }

    Chunk chunk() {
        return chunk;
    }

    /** Chunk offset of the current record's binary XML. */
    int dataStart() {
        return recordOffset + RECORD_HEADER;
    }

    /** Chunk offset just after the current record's binary XML. */
    int dataEnd() {
        return recordOffset + recordSize - 4;
    }

    long recordId() {
        return recordId;
    }

    boolean recovered() {
        return recovered;
    }

    /** {@code record N}, or {@code record N recovered} for a record from slack space. */
    String position() {
        return Event.recordPosition(recordId, recovered);
    }

    /** {@code chunk C offset 0x...} of the current record. */
    String recordWhere() {
        return where(recordOffset);
    }

    /** Reports that the current record could not be decoded. */
    void failed(String reason) {
        if (recovered) {
            slackFailures++;
            return;
        }
        errors.onError(source, where(recordOffset), "record " + recordId + ": " + reason);
    }

    private void readHeader() throws IOException {
        byte[] b = chunk.data;
        int n = in.readNBytes(b, 0, FileHeader.SIZE);
        if (n < 128) {
            errors.onError(source, "offset 0x0", "file header truncated: " + n + " of 4096 bytes");
            ended = true;
            return;
        }
        header = FileHeader.parse(b);
        if (!header.signatureValid()) {
            errors.onError(source, "offset 0x0", "no ElfFile signature: the file header is ignored and chunks are"
                    + " located by their own signatures");
            header = FileHeader.UNKNOWN;
            if (n < FileHeader.SIZE) {
                lastBlock = true;
            }
            return;
        }
        if (header.checksumsKept() && !header.checksumValid()) {
            warn("offset 0x0", "file header checksum mismatch (stored 0x" + Long.toHexString(header.storedChecksum())
                    + ", computed 0x" + Long.toHexString(header.computedChecksum()) + ")");
        }
        if (header.majorVersion() != 3 || header.minorVersion() < 1 || header.minorVersion() > 2) {
            warn("offset 0x0", "unknown format version " + header.version());
        }
        if (header.dirty()) {
            warn("offset 0x0", "file header marked dirty; header counters ignored, chunks located by signature"
                    + " (the header declares " + chunks(header.chunkCount()) + ")");
        }
        if (n < FileHeader.SIZE) {
            errors.onError(source, "offset 0x0", "file header truncated: " + n + " of 4096 bytes");
            lastBlock = true;
        }
    }

    private void nextBlock() throws IOException {
        blockIndex++;
        long offset = FileHeader.SIZE + (long) blockIndex * Chunk.SIZE;
        chunk.reset(blockIndex, offset, Chunk.SIZE);
        seen.clear();
        slackFailures = 0;
        int n = in.readNBytes(chunk.data, 0, Chunk.SIZE);
        boolean declared = blockIndex < header.chunkCount();
        if (n == 0) {
            if (declared) {
                errors.onError(source, where(0), "missing: the file ends here, but its header declares "
                        + chunks(header.chunkCount()));
            }
            ended = true;
            return;
        }
        boolean signature = n >= 8 && Bytes.startsWith(chunk.data, 0, ChunkHeader.SIGNATURE);
        if (n < Chunk.SIZE) {
            chunk.truncate(n);
            lastBlock = true;
            if (signature || declared) {
                errors.onError(source, where(0), "truncated: the file ends after " + n + " of " + Chunk.SIZE
                        + " bytes of this chunk" + (header.chunkCount() > blockIndex + 1
                        ? " (the header declares " + chunks(header.chunkCount()) + ")" : "")
                        + (signature && n >= ChunkHeader.SIZE ? "; the records wholly inside it are read" : ""));
            }
            if (!signature || n < ChunkHeader.SIZE) {
                return;
            }
        }
        if (!signature) {
            boolean zero = Arrays.mismatch(chunk.data, 0, n, ZERO, 0, n) < 0;
            if (declared) {
                errors.onError(source, where(0), zero ? "zero-filled block where the header declares a chunk"
                        : "no chunk signature; block skipped");
            }
            if (recoverSlack && !zero) {
                startSlack(0);
            }
            return;
        }
        chunksFound++;
        if (!declared && !header.dirty() && !warnedExtraChunks) {
            warnedExtraChunks = true;
            warn(where(0), "the file header declares " + chunks(header.chunkCount()) + ", but more follow; reading them");
        }
        startChunk(n < Chunk.SIZE);
    }

    private void startChunk(boolean truncated) {
        byte[] b = chunk.data;
        ChunkHeader h = ChunkHeader.parse(b);
        chunk.header = h;
        truncatedChunk = truncated;
        int free = h.freeSpaceOffset();
        if (free < ChunkHeader.SIZE || free > Chunk.SIZE) {
            warn(where(0), "free-space offset 0x" + Integer.toHexString(free) + " out of range; reading to the chunk end");
            free = Chunk.SIZE;
        }
        boolean checksums = header.checksumsKept();
        if (checksums && !truncated) {
            long computed = ChunkHeader.headerChecksum(b);
            if (computed != h.storedHeaderChecksum()) {
                warn(where(0), "chunk header checksum mismatch (stored 0x" + Long.toHexString(h.storedHeaderChecksum())
                        + ", computed 0x" + Long.toHexString(computed) + ")");
            }
            long data = ChunkHeader.dataChecksum(b, free);
            if (data != h.storedDataChecksum()) {
                warn(where(0), "event records checksum mismatch (stored 0x" + Long.toHexString(h.storedDataChecksum())
                        + ", computed 0x" + Long.toHexString(data) + ")");
            }
        }
        limit = Math.min(free, chunk.length);
        pos = ChunkHeader.SIZE;
        phase = ALLOCATED;
    }

    private boolean nextAllocated() {
        byte[] b = chunk.data;
        int p = pos;
        if (p > limit - MIN_RECORD) {
            startSlack(p);
            return false;
        }
        if (Bytes.i32(b, p) != RECORD_SIGNATURE) {
            int last = chunk.header.lastRecordOffset();
            boolean zero = Bytes.i64(b, p) == 0;
            if (!(zero && p > last)) {
                errors.onError(source, where(p), "no record signature where a record was expected (last record at chunk"
                        + " offset 0x" + Integer.toHexString(last) + "); the rest of the chunk is slack");
            }
            startSlack(p);
            return false;
        }
        long size = Bytes.u32(b, p + 4);
        long id = Bytes.i64(b, p + 8);
        String problem = null;
        if (size < MIN_RECORD) {
            problem = "record size " + size + " is too small";
        } else if (size > chunk.length - p) {
            if (truncatedChunk) {
                startSlack(p);
                return false;
            }
            problem = "record size " + size + " runs past the chunk";
        } else if (Bytes.u32(b, p + (int) size - 4) != size) {
            problem = "record size " + size + " does not match its copy " + Bytes.u32(b, p + (int) size - 4);
        }
        if (problem != null) {
            errors.onError(source, where(p), "record " + id + ": " + problem + "; the rest of the chunk is slack");
            startSlack(p + 8);
            return false;
        }
        recordOffset = p;
        recordSize = (int) size;
        recordId = id;
        recovered = false;
        seen.add(id);
        pos = p + (int) size;
        return true;
    }

    private void startSlack(int from) {
        if (recoverSlack) {
            phase = SLACK;
            pos = (from + 7) & ~7;
        } else {
            phase = DONE;
        }
    }

    private boolean nextInSlack() {
        byte[] b = chunk.data;
        int end = chunk.length;
        for (int p = pos; p <= end - MIN_RECORD; p += 8) {
            if (Bytes.i32(b, p) != RECORD_SIGNATURE) {
                continue;
            }
            long size = Bytes.u32(b, p + 4);
            if (size < MIN_RECORD || size > end - p || Bytes.u32(b, p + (int) size - 4) != size
                    || b[p + RECORD_HEADER] != BinXml.FRAGMENT_HEADER) {
                continue;
            }
            long id = Bytes.i64(b, p + 8);
            if (seen.contains(id)) {
                continue;
            }
            seen.add(id);
            recordOffset = p;
            recordSize = (int) size;
            recordId = id;
            recovered = true;
            pos = p + (int) size;
            return true;
        }
        phase = DONE;
        return false;
    }

    private void finishChunk() {
        if (slackFailures > 0) {
            warn(where(0), slackFailures + " record(s) in slack space could not be decoded");
            slackFailures = 0;
        }
        phase = DONE;
    }

    private static String chunks(int n) {
        return n == 1 ? "1 chunk" : n + " chunks";
    }

    /** {@code chunk C offset 0x...}: a chunk offset as a file offset. */
    String where(int chunkOffset) {
        return "chunk " + chunk.index + " offset 0x" + Long.toHexString(chunk.fileOffset(chunkOffset));
    }

    private void warn(String position, String message) {
        warnings.onError(source, position, message);
    }

    /** The record identifiers read from one chunk (at most 64 KiB / 32 bytes of them). */
    static final class RecordIds {
        private long[] ids = new long[256];
        private int size;

        void clear() {
            size = 0;
        }

        boolean contains(long id) {
            for (int i = 0; i < size; i++) {
                if (ids[i] == id) {
                    return true;
                }
            }
            return false;
        }

        void add(long id) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = id;
        }
    }
}
