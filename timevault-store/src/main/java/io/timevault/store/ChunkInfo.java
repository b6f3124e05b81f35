package io.timevault.store;

/**
 * What a reader knows of one chunk (for tools such as {@code timevault ls}).
 *
 * @param id     the chunk id (the key of its first record ever written; names its files)
 * @param minKey the smallest key still visible in it (raised by a purge)
 * @param maxKey its largest key
 * @param bytes  its length in bytes
 * @param open   whether appends go to it (the last chunk)
 */
public record ChunkInfo(long id, long minKey, long maxKey, long bytes, boolean open) {
}
