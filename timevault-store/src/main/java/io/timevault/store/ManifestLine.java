package io.timevault.store;

import io.timevault.store.json.JsonWriter;

/**
 * One line of {@code manifest.jsonl}: a chunk, its smallest live key and, once closed, its largest key
 * (spec §2.2). {@code {"chunk_id":1000,"min_order_key":1000,"max_order_key":1001}} is closed;
 * {@code {"chunk_id":1002,"min_order_key":1002}} is open ({@code max_order_key} omitted, never null).
 *
 * @param chunkId     the chunk's id: the key of the first record ever written to it (names its files)
 * @param minOrderKey the chunk's first key; raised only by timevault-rs's purge, which rewrites the chunk from its
 *                    first kept record (this engine's purge leaves a straddling chunk's line as it is)
 * @param maxOrderKey the largest key of a closed chunk, {@code null} while open
 */
record ManifestLine(long chunkId, long minOrderKey, Long maxOrderKey) {

    static ManifestLine open(long chunkId, long minOrderKey) {
        return new ManifestLine(chunkId, minOrderKey, null);
    }

    boolean closed() {
        return maxOrderKey != null;
    }

    ManifestLine close(long maxKey) {
        return new ManifestLine(chunkId, minOrderKey, maxKey);
    }

    ManifestLine reopen() {
        return new ManifestLine(chunkId, minOrderKey, null);
    }

    String toJson() {
        JsonWriter w = new JsonWriter().beginObject()
                .name("chunk_id").unsigned(chunkId)
                .name("min_order_key").unsigned(minOrderKey);
        if (maxOrderKey != null) {
            w.name("max_order_key").unsigned(maxOrderKey);
        }
        return w.endObject().toString();
    }
}
