package io.timevault.store;

/**
 * In-memory counters of one open partition since it was opened (not persisted, as in timevault-rs).
 *
 * @param appends          records appended (skipped duplicates not counted)
 * @param bytes            bytes appended
 * @param currentChunkSize bytes in the current chunk
 * @param syncs            calls to {@link Partition#sync()} that forced data to disk
 * @param chunks           chunks listed in the manifest
 */
public record PartitionStats(long appends, long bytes, long currentChunkSize, long syncs, int chunks) {
}
