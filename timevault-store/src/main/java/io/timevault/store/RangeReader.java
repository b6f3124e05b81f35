package io.timevault.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Answers a key-range read from a {@link PartitionView}: binary search for the first chunk and the first block
 * that can hold the lower bound, then a sequential read of the overlapping blocks (and, for the open chunk, the
 * unindexed tail), keeping exactly the records in range. Never re-reads the manifest or index files. Every block
 * touched is read whole and checked against its CRC-32C ({@link BlockVerifier}): damaged data is an exception,
 * never a record.
 */
final class RangeReader {

    private final PartitionFiles files;
    private final FormatPlugin format;
    private final ChannelCache channels;

    RangeReader(PartitionFiles files, FormatPlugin format, ChannelCache channels) {
        this.files = files;
        this.format = format;
        this.channels = channels;
    }

    List<StoredRecord> read(PartitionView view, long from, long to) {
        List<StoredRecord> out = new ArrayList<>();
        read(view, from, to, out::add);
        return out;
    }

    /** As {@link #read(PartitionView, long, long)}, handing the records to {@code out} chunk by chunk. */
    void read(PartitionView view, long from, long to, Consumer<StoredRecord> out) {
        long lo = from;
        Long purged = view.lastPurgeId();
        if (purged != null && !view.logicalPurge() && Keys.atMost(lo, purged)) {
            if (purged == -1L || Long.compareUnsigned(purged + 1, to) > 0) {
                return;
            }
            lo = purged + 1;
        }
        int n = view.chunkCount();
        int first = firstChunkReaching(view, lo);
        for (int i = first; i < n; i++) {
            ChunkView c = view.chunk(i);
            if (Keys.above(c.minKey(), to)) {
                break;
            }
            // a chunk never holds keys below its manifest min as live records: files of earlier versions of this
            // engine raised the straddling chunk's min on purge instead of relying on the purge point alone
            readChunk(c, Keys.atMost(c.minKey(), lo) ? lo : c.minKey(), to, out);
        }
    }

    private static int firstChunkReaching(PartitionView view, long key) {
        int lo = 0;
        int hi = view.chunkCount();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(view.chunk(mid).maxKey(), key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void readChunk(ChunkView c, long lo, long hi, Consumer<StoredRecord> out) {
        List<IndexBlock> blocks = c.indexBlocks();
        int n = blocks.size();
        int b = firstBlockReaching(blocks, lo);
        long start = startOf(blocks, b);
        int e = firstBlockAbove(blocks, b, hi);
        long end = e < n ? blocks.get(e).offset() : c.length();
        if (start >= end) {
            return;
        }
        try {
            channels.read(c.id(), ch -> {
                List<StoredRecord> found = new ArrayList<>();
                RecordScanner s = new RecordScanner(ch, files.chunk(c.id()), format, start, end, false);
                BlockVerifier crc = new BlockVerifier(files.chunk(c.id()), blocks, b);
                while (s.next()) {
                    crc.accept(s);
                    if (Keys.above(s.key(), hi)) {
                        if (crc.pastIndexedBlocks()) {
                            return found;
                        }
                        // finish the block so its CRC is checked: at most one block beyond the range is read
                        continue;
                    }
                    if (Long.compareUnsigned(s.key(), lo) >= 0) {
                        found.add(new StoredRecord(s.key(), s.bytes()));
                    }
                }
                if (s.badOffset() >= 0) {
                    throw new CorruptFileException(files.chunk(c.id()), s.badOffset(), s.badReason());
                }
                return found;
            }).forEach(out);
        } catch (IOException ex) {
            throw new StorageIOException("read", files.chunk(c.id()), ex);
        }
    }

    /** Where block {@code b} starts; past the last block, where the unindexed tail starts. */
    static long startOf(List<IndexBlock> blocks, int b) {
        if (b < blocks.size()) {
            return blocks.get(b).offset();
        }
        return blocks.isEmpty() ? 0 : blocks.get(blocks.size() - 1).end();
    }

    /** First block whose max key is at least {@code key} (block max keys never decrease). */
    static int firstBlockReaching(List<IndexBlock> blocks, long key) {
        int lo = 0;
        int hi = blocks.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(blocks.get(mid).maxKey(), key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First block at or after {@code from} whose min key is above {@code key}. */
    static int firstBlockAbove(List<IndexBlock> blocks, int from, long key) {
        int lo = from;
        int hi = blocks.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Keys.atMost(blocks.get(mid).minKey(), key)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
