package io.timevault.store;

import io.timevault.store.json.JsonWriter;

/**
 * One line of a chunk's {@code .index} file: a block of whole, consecutive records (spec §2.3) and, beyond
 * timevault-rs, the CRC-32C of the block's bytes, e.g.
 * {@code {"block_min_key":1,"block_max_key":2,"file_offset_bytes":0,"block_len_bytes":56,"crc32c":3504106442}}.
 * Lines without {@code crc32c} (timevault-rs, older files) are read as before, unchecked.
 *
 * @param minKey key of the block's first record
 * @param maxKey largest key in the block
 * @param offset offset of the block's first record in the chunk
 * @param length total bytes of the block's records
 * @param crc32c CRC-32C of the block's {@code length} bytes (0..2^32-1), or {@link #NO_CRC}
 */
record IndexBlock(long minKey, long maxKey, long offset, long length, long crc32c) {

    /** The {@code crc32c} of a line that carries none. */
    static final long NO_CRC = -1;

    /** A block without a checksum (timevault-rs's line). */
    IndexBlock(long minKey, long maxKey, long offset, long length) {
        this(minKey, maxKey, offset, length, NO_CRC);
    }

    long end() {
        return offset + length;
    }

    boolean hasCrc() {
        return crc32c != NO_CRC;
    }

    String toJson() {
        JsonWriter w = new JsonWriter().beginObject()
                .name("block_min_key").unsigned(minKey)
                .name("block_max_key").unsigned(maxKey)
                .name("file_offset_bytes").unsigned(offset)
                .name("block_len_bytes").unsigned(length);
        if (hasCrc()) {
            w.name("crc32c").unsigned(crc32c);
        }
        return w.endObject().toString();
    }

    /** "block 3 [1024, 2048)" for error messages. */
    String describe(int index) {
        return "block " + index + " [" + offset + ", " + end() + ")";
    }
}
