package io.timevault.raft;

/**
 * The writer thread's counters. Only the writer thread writes them (so plain increments of volatile fields are
 * exact); any thread may read them.
 */
final class WriterCounters {

    volatile long appendCalls;
    volatile long appendedEntries;
    volatile long appendedBytes;
    volatile long syncs;
    volatile long syncNanosTotal;
    volatile long syncNanosMax;
    volatile long lastBatchEntries;
    volatile long voteSaves;
    volatile long purges;
    volatile long truncates;

    void appended(int calls, int entries, long bytes) {
        appendCalls += calls;
        appendedEntries += entries;
        appendedBytes += bytes;
    }

    void synced(long nanos, long entries) {
        syncs++;
        syncNanosTotal += nanos;
        if (nanos > syncNanosMax) {
            syncNanosMax = nanos;
        }
        lastBatchEntries = entries;
    }

    LogStorageMetrics snapshot(int queueDepth) {
        return new LogStorageMetrics(appendCalls, appendedEntries, appendedBytes, syncs, syncNanosTotal, syncNanosMax,
                lastBatchEntries, queueDepth, voteSaves, purges, truncates);
    }
}
