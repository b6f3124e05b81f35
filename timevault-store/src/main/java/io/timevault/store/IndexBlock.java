package io.timevault.store;

import io.timevault.store.json.JsonWriter;

/**
 * One line of a chunk's {@code .index} file: a block of whole, consecutive records (spec §2.3), e.g.
 * {@code {"block_min_key":1,"block_max_key":2,"file_offset_bytes":0,"block_len_bytes":56}}.
 *
 * @param minKey key of the block's first record
 * @param maxKey largest key in the block
 * @param offset offset of the block's first record in the chunk
 * @param length total bytes of the block's records
 */
record IndexBlock(long minKey, long maxKey, long offset, long length) {

    long end() {
        return offset + length;
    }

    String toJson() {
        return new JsonWriter().beginObject()
                .name("block_min_key").unsigned(minKey)
                .name("block_max_key").unsigned(maxKey)
                .name("file_offset_bytes").unsigned(offset)
                .name("block_len_bytes").unsigned(length)
                .endObject().toString();
    }
}
