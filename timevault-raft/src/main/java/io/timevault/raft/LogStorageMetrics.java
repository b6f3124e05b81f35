package io.timevault.raft;

/**
 * Counters of a {@link TimevaultLogStorage} since it was opened, for a metrics binder. Plain values; each read of
 * {@link TimevaultLogStorage#metrics()} is a fresh snapshot (fields are read one by one, not atomically together).
 *
 * @param appendCalls      {@code append} calls executed successfully
 * @param appendedEntries  entries written to the partition
 * @param appendedBytes    record bytes written to the partition
 * @param syncs            group-commit fsyncs ({@code partition.sync()} calls)
 * @param syncNanosTotal   time spent in those fsyncs
 * @param syncNanosMax     the slowest of them
 * @param lastBatchEntries entries made durable by the latest fsync
 * @param queueDepth       writes waiting for the writer thread right now
 * @param voteSaves        votes saved
 * @param purges           purges executed
 * @param truncates        truncations executed
 */
public record LogStorageMetrics(
        long appendCalls,
        long appendedEntries,
        long appendedBytes,
        long syncs,
        long syncNanosTotal,
        long syncNanosMax,
        long lastBatchEntries,
        int queueDepth,
        long voteSaves,
        long purges,
        long truncates) {
}
