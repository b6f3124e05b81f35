package io.timevault.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes a chunk's {@code .index}: LF-terminated {@link IndexBlock} lines, contiguous from offset 0,
 * keys non-decreasing. The index is derived data: whatever part of it cannot be trusted (torn, malformed,
 * inconsistent) is dropped and rebuilt from the chunk (the chunk is the truth). Each line we write also carries
 * the CRC-32C of its block's bytes, which is what lets reads and recovery tell damaged chunk data from a torn
 * write ({@link BlockVerifier}); the line itself has no checksum of its own, a damaged line is judged by its shape.
 *
 * <p>Invariant kept by the writer: a line is appended only after the chunk bytes it covers were fsynced, so after a
 * power loss an index line never points past durable data, and a line with a CRC that survived describes durable
 * bytes. Lines from timevault-rs (which fsyncs the index but never the chunk, and writes no CRC) may point past
 * durable data; {@link #loadValidPrefix} drops them.
 */
final class IndexFile {

    private IndexFile() {
    }

    /**
     * The longest prefix of the index that is well-formed, contiguous from 0, keys non-decreasing (a block's min
     * may repeat the previous block's min, as timevault-rs writes after a restart), and within {@code chunkLength}.
     *
     * @param blocks  the trusted prefix
     * @param missing whether the file does not exist
     * @param dropped a description of what was dropped, or {@code null} when every line was kept
     */
    record Loaded(List<IndexBlock> blocks, boolean missing, String dropped) {
    }

    static Loaded loadValidPrefix(Path file, long chunkLength) {
        byte[] bytes = DurableFiles.readIfExists(file).orElse(null);
        if (bytes == null) {
            return new Loaded(List.of(), true, null);
        }
        List<IndexBlock> blocks = new ArrayList<>();
        int pos = 0;
        String dropped = null;
        while (pos < bytes.length && dropped == null) {
            int lf = Manifest.indexOf(bytes, pos, (byte) '\n');
            if (lf < 0) {
                dropped = "torn last line at offset " + pos;
                break;
            }
            IndexBlock b = parseCanonical(bytes, pos, lf);
            try {
                if (b == null) {
                    JsonFields f = JsonFields.parseObject(bytes, pos, lf - pos, file, pos);
                    Long crc = f.optionalUnsigned("crc32c");
                    if (crc != null && Long.compareUnsigned(crc, 0xffff_ffffL) > 0) {
                        throw new CorruptFileException(file, pos, "field `crc32c` does not fit in 32 bits: " + crc);
                    }
                    b = new IndexBlock(f.unsigned("block_min_key"), f.unsigned("block_max_key"),
                            f.unsigned("file_offset_bytes"), f.unsigned("block_len_bytes"),
                            crc == null ? IndexBlock.NO_CRC : crc);
                }
            } catch (CorruptFileException e) {
                dropped = "malformed line at offset " + pos + " (" + e.getMessage() + ")";
                break;
            }
            IndexBlock prev = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
            long expectedOffset = prev == null ? 0 : prev.end();
            if (b.offset() != expectedOffset || b.length() <= 0 || Long.compareUnsigned(b.minKey(), b.maxKey()) > 0
                    || (prev != null && Long.compareUnsigned(b.minKey(), prev.maxKey()) < 0 && !staleMinAfterRestart(prev, b))) {
                dropped = "inconsistent line at offset " + pos + ": " + b.toJson();
                break;
            }
            if (b.end() > chunkLength || b.end() < 0) {
                dropped = "line at offset " + pos + " points past the chunk's end (" + chunkLength + " bytes): " + b.toJson();
                break;
            }
            blocks.add(b);
            pos = lf + 1;
        }
        return new Loaded(blocks, false, dropped);
    }

    /**
     * Whether {@code b} overlaps {@code prev} only the way timevault-rs writes it in normal operation: the first
     * block it flushes after a restart keeps the previous line's min (spec §7.7), so its min equals the previous
     * min and its max is not below the previous max. Such a line is sound for reads (a min that is too small only
     * makes a block look wider) and is kept; any other overlap is damage.
     */
    static boolean staleMinAfterRestart(IndexBlock prev, IndexBlock b) {
        return b.minKey() == prev.minKey() && Long.compareUnsigned(b.maxKey(), prev.maxKey()) >= 0;
    }

    private static final byte[][] CANONICAL_PARTS = {
        "{\"block_min_key\":".getBytes(StandardCharsets.US_ASCII),
        ",\"block_max_key\":".getBytes(StandardCharsets.US_ASCII),
        ",\"file_offset_bytes\":".getBytes(StandardCharsets.US_ASCII),
        ",\"block_len_bytes\":".getBytes(StandardCharsets.US_ASCII),
        ",\"crc32c\":".getBytes(StandardCharsets.US_ASCII),
    };

    /**
     * The line {@code [from, to)} if it is exactly in the canonical form both implementations write (the common
     * case, parsed without building a JSON tree: opening a 1 GiB log reads tens of thousands of these), else
     * {@code null} for the general parser to judge.
     */
    private static IndexBlock parseCanonical(byte[] b, int from, int to) {
        long[] values = {0, 0, 0, 0, IndexBlock.NO_CRC};
        int pos = from;
        for (int i = 0; i < 5; i++) {
            byte[] part = CANONICAL_PARTS[i];
            if (i == 4 && pos == to - 1) {
                break; // a timevault-rs line: no crc32c
            }
            if (to - pos < part.length) {
                return null;
            }
            for (int j = 0; j < part.length; j++) {
                if (b[pos + j] != part[j]) {
                    return null;
                }
            }
            pos += part.length;
            int start = pos;
            long v = 0;
            while (pos < to && b[pos] >= '0' && b[pos] <= '9') {
                v = v * 10 + (b[pos] - '0');
                pos++;
            }
            // at most 18 digits never overflows; no leading zeros, as serde_json writes them
            if (pos == start || pos - start > 18 || (b[start] == '0' && pos - start > 1)
                    || (i == 4 && v > 0xffff_ffffL)) {
                return null;
            }
            values[i] = v;
        }
        if (pos != to - 1 || b[pos] != '}') {
            return null;
        }
        return new IndexBlock(values[0], values[1], values[2], values[3], values[4]);
    }

    static byte[] encode(List<IndexBlock> blocks, int from, int to) {
        StringBuilder sb = new StringBuilder((to - from) * 90);
        for (int i = from; i < to; i++) {
            sb.append(blocks.get(i).toJson()).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
