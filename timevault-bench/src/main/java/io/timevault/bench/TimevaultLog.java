package io.timevault.bench;

import io.timevault.raft.Entry;
import io.timevault.raft.LogFlushed;
import io.timevault.raft.LogId;
import io.timevault.raft.LogState;
import io.timevault.raft.TimevaultLogStorage;
import io.timevault.store.Partition;
import io.timevault.store.PartitionConfig;
import io.timevault.store.StoreOptions;
import io.timevault.store.StoredRecord;
import io.timevault.store.TimevaultStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A timevault Raft log as a user opens it: store, partition, {@link TimevaultLogStorage} with the Jackson codec.
 * Closing closes all three. Thread rule: one thread at a time.
 */
final class TimevaultLog implements AutoCloseable {

    static final UUID PARTITION = UUID.fromString("5eed0000-0000-4000-8000-00000000be7c");

    final TimevaultStore store;
    final Partition partition;
    final TimevaultLogStorage<String> storage;

    private TimevaultLog(TimevaultStore store, Partition partition, TimevaultLogStorage<String> storage) {
        this.store = store;
        this.partition = partition;
        this.storage = storage;
    }

    /** Opens (recovers) the log under {@code root}, creating it with {@code config} if there is none. */
    static TimevaultLog open(Path root, PartitionConfig config) {
        TimevaultStore store = TimevaultStore.open(root, StoreOptions.DEFAULTS);
        try {
            Partition partition = store.openOrCreatePartition(PARTITION, config);
            return new TimevaultLog(store, partition, TimevaultLogStorage.open(partition, Payloads.CODEC));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    static TimevaultLog open(Path root) {
        return open(root, PartitionConfig.defaults());
    }

    /** The index the next append must carry (1 for a fresh log). */
    long nextIndex() {
        LogState state = storage.getLogState();
        return state.lastLogId() == null ? 1 : state.lastLogId().index() + 1;
    }

    /** One {@code append(entries, callback)} call, then waits for the callback (the entries are durable). */
    void appendDurably(List<Entry<String>> entries) {
        CompletableFuture<Void> flushed = new CompletableFuture<>();
        storage.append(entries, LogFlushed.completing(flushed));
        flushed.join();
    }

    /** Appends entries with 256-byte payloads in batches of {@code batch} until the log holds {@code bytes}. */
    long fill(long bytes, int batch) {
        long index = nextIndex();
        long recordBytes = Payloads.record(index).length;
        long count = Math.max(1, bytes / recordBytes);
        for (long done = 0; done < count; ) {
            int n = (int) Math.min(batch, count - done);
            appendDurably(Payloads.entries(index, n));
            index += n;
            done += n;
        }
        return count;
    }

    /**
     * Writes a log of {@code bytes} straight through the partition ({@code appendAll} of 4096 records, one sync at
     * the end): the same records the adapter writes, several times faster than through it. For figures that only
     * need a log to exist. Returns the number of entries.
     */
    static long fillDirect(Path root, PartitionConfig config, long bytes) {
        try (TimevaultStore store = TimevaultStore.open(root, StoreOptions.DEFAULTS)) {
            Partition partition = store.openOrCreatePartition(PARTITION, config);
            long count = Math.max(1, bytes / Payloads.record(1).length);
            List<StoredRecord> batch = new ArrayList<>(4096);
            for (long index = 1; index <= count; index++) {
                batch.add(new StoredRecord(index, Payloads.record(index)));
                if (batch.size() == 4096 || index == count) {
                    partition.appendAll(batch);
                    batch = new ArrayList<>(4096);
                }
            }
            partition.sync();
            return count;
        }
    }

    static LogId idAt(long index) {
        return LogId.of(Payloads.TERM, Payloads.NODE, index);
    }

    @Override
    public void close() {
        try {
            storage.close();
        } finally {
            store.close();
        }
    }
}
