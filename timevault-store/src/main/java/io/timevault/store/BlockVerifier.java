package io.timevault.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Checks records, scanned in chunk order, against the CRC-32C of the index blocks that cover them. A mismatch is a
 * {@link CorruptFileException} naming the chunk, the block and its offsets: a line with a CRC is written only after
 * the chunk bytes it covers were forced (see {@link ActiveChunk#persistIndex}), so a block that does not match its
 * CRC is damaged durable data, never a torn write. Blocks without a CRC (timevault-rs, older files) are not checked.
 *
 * <p>Not thread-safe: one per scan.
 */
final class BlockVerifier {

    private final Path chunk;
    private final List<IndexBlock> blocks;
    private final CRC32C crc = new CRC32C();
    private int current;

    /** Checks blocks {@code [first, blocks.size())}; the scan must start at block {@code first}'s offset. */
    BlockVerifier(Path chunk, List<IndexBlock> blocks, int first) {
        this.chunk = chunk;
        this.blocks = blocks;
        this.current = first;
    }

    /** Whether the scan has passed every indexed block (it is in the unindexed tail). */
    boolean pastIndexedBlocks() {
        return current >= blocks.size();
    }

    /** Accounts for the record the scanner is on. */
    void accept(RecordScanner s) {
        if (current >= blocks.size()) {
            return;
        }
        IndexBlock b = blocks.get(current);
        long recordEnd = s.offset() + s.length();
        if (!b.hasCrc()) {
            while (current < blocks.size() && blocks.get(current).end() <= recordEnd) {
                current++;
            }
            crc.reset();
            return;
        }
        s.updateChecksum(crc);
        if (recordEnd > b.end()) {
            throw new CorruptFileException(chunk, s.offset(), "the record at offset " + s.offset() + " runs past the end of "
                    + b.describe(current) + " (" + s.length() + " bytes): block boundaries were damaged");
        }
        if (recordEnd == b.end()) {
            check(chunk, current, b, crc.getValue());
            crc.reset();
            current++;
        }
    }

    private static void check(Path chunk, int index, IndexBlock b, long actual) {
        if (actual != b.crc32c()) {
            throw new CorruptFileException(chunk, b.offset(), "CRC-32C mismatch in " + b.describe(index) + ": the index says "
                    + b.crc32c() + ", the bytes give " + actual);
        }
    }

    /**
     * Drops trailing blocks that do not end on a record boundary (a damaged length, or lines from a writer that did
     * not force the chunk first). A block with a CRC was written after its bytes were durable, so one that no longer
     * ends on a boundary is either a damaged line or damaged data; the chunk decides: if the CRC matches the bytes
     * from the block's offset to some later line end, only the line's length was damaged (dropped and rebuilt from
     * the chunk); if it matches no such prefix, the chunk bytes it covers were damaged: {@link CorruptFileException}.
     *
     * @return a description of the last dropped line, or {@code previous} when none was dropped
     */
    static String dropUnterminated(FileChannel ch, Path chunk, List<IndexBlock> blocks, String previous)
            throws IOException {
        String dropped = previous;
        while (!blocks.isEmpty() && !TailLoader.endsWithTerminator(ch, blocks.get(blocks.size() - 1).end())) {
            int i = blocks.size() - 1;
            IndexBlock b = blocks.get(i);
            if (b.hasCrc() && !crcMatchesALinePrefix(ch, b)) {
                throw new CorruptFileException(chunk, b.offset(), b.describe(i) + " no longer ends on a record boundary and"
                        + " its CRC-32C " + b.crc32c() + " matches no record prefix from offset " + b.offset()
                        + ": durable data was damaged (not a torn write)");
            }
            dropped = "line not ending on a record boundary: " + blocks.remove(i).toJson();
        }
        return dropped;
    }

    /** Whether the CRC-32C of {@code [b.offset(), e)} equals the block's for some {@code e} just after an LF. */
    private static boolean crcMatchesALinePrefix(FileChannel ch, IndexBlock b) throws IOException {
        CRC32C c = new CRC32C();
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long pos = b.offset();
        long size = ch.size();
        while (pos < size) {
            buf.clear().limit((int) Math.min(buf.capacity(), size - pos));
            int n = ch.read(buf, pos);
            if (n <= 0) {
                return false;
            }
            byte[] a = buf.array();
            int from = 0;
            for (int j = 0; j < n; j++) {
                if (a[j] == '\n') {
                    c.update(a, from, j + 1 - from);
                    from = j + 1;
                    if (c.getValue() == b.crc32c()) {
                        return true;
                    }
                }
            }
            c.update(a, from, n - from);
            pos += n;
        }
        return false;
    }
}
