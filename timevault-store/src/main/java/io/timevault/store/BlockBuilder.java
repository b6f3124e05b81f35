package io.timevault.store;

import java.util.zip.CRC32C;

/**
 * The index block being filled (spec §3.7): it collects consecutive records until the cadence says the block is
 * complete — {@code max_records} records, or, when keys are timestamps, a key span of {@code index.max_hours}, or
 * (our addition, docs/compatibility.md) {@link #MAX_BLOCK_BYTES} of records. The byte bound keeps the cost of
 * reading one record bounded by a small block whatever the record size: 128 records of 16 KiB would otherwise make
 * a 2 MiB block that a single-record read scans from its start.
 * Shared by append and by recovery, so a tail re-blocked at open gets exactly the blocks an uninterrupted
 * writer would have produced. A block's minimum is always its first key (timevault-rs keeps a stale minimum
 * after a restart, spec §7 item 7). Each completed block carries the CRC-32C of its bytes, accumulated record by
 * record (the JDK's CRC32C is a hardware intrinsic: a few GB/s, noise next to the write itself).
 *
 * <p>Not thread-safe: owned by the partition's writer.
 */
final class BlockBuilder {

    /** A block closes once its records reach this many bytes (a record larger than this is a block of its own). */
    static final long MAX_BLOCK_BYTES = 64 * 1024;

    private final long maxRecords;
    private final long spanLimit;
    private long min;
    private long max;
    private long start;
    private long length;
    private long count;
    private final CRC32C crc = new CRC32C();

    BlockBuilder(PartitionConfig config) {
        this.maxRecords = Integer.toUnsignedLong(config.index().maxRecords());
        this.spanLimit = config.keyIsTimestamp() ? Keys.hoursToMillis(config.index().maxHours()) : 0;
    }

    /** Starts the next block at {@code offset} (used after recovery and truncation). */
    void resetAt(long offset) {
        count = 0;
        start = offset;
        length = 0;
        crc.reset();
    }

    /**
     * Adds the record {@code bytes[from, from + recordLength)} stored at {@code offset}; returns the completed block
     * when the cadence says so, otherwise {@code null}.
     */
    IndexBlock add(long key, long offset, byte[] bytes, int from, int recordLength) {
        if (count == 0) {
            min = key;
            max = key;
            start = offset;
            length = 0;
            crc.reset();
        }
        crc.update(bytes, from, recordLength);
        if (Long.compareUnsigned(key, max) > 0) {
            max = key;
        }
        length += recordLength;
        count++;
        boolean full = maxRecords > 0 && count >= maxRecords || length >= MAX_BLOCK_BYTES;
        boolean spanned = spanLimit > 0 && Long.compareUnsigned(Keys.saturatingSub(key, min), spanLimit) >= 0;
        return full || spanned ? take() : null;
    }

    /** The pending block, completed now (at a roll), or {@code null} when it holds no record. */
    IndexBlock takeIfAny() {
        return count > 0 ? take() : null;
    }

    private IndexBlock take() {
        IndexBlock b = new IndexBlock(min, max, start, length, crc.getValue());
        crc.reset();
        count = 0;
        start += length;
        length = 0;
        return b;
    }

    long pendingRecords() {
        return count;
    }
}
