package io.timevault.bench;

import io.timevault.store.Partition;
import io.timevault.store.PartitionConfig;
import io.timevault.store.StoreOptions;
import io.timevault.store.StoredRecord;
import io.timevault.store.TimevaultStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a baseline but a breakdown: the store's own batched durable path, {@code Partition.appendAll(batch)} then
 * {@code sync()}, with the adapter's records encoded before the clock starts. The gap between this and
 * {@link TimevaultSink} is the adapter's (encoding, writer-thread hand-off, per-record appends); the gap between
 * this and {@link RawDiskSink} is the store's.
 */
final class StoreSink implements AppendSink {

    private final TimevaultStore store;
    private final Partition partition;

    StoreSink(Path root) {
        store = TimevaultStore.open(root, StoreOptions.DEFAULTS);
        partition = store.openOrCreatePartition(TimevaultLog.PARTITION, PartitionConfig.defaults());
    }

    @Override
    public Runnable prepare(long first, int batches, int batchSize) {
        List<List<StoredRecord>> input = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++) {
            List<StoredRecord> batch = new ArrayList<>(batchSize);
            for (int i = 0; i < batchSize; i++) {
                long index = first + (long) b * batchSize + i;
                batch.add(new StoredRecord(index, Payloads.record(index)));
            }
            input.add(batch);
        }
        return () -> {
            for (List<StoredRecord> batch : input) {
                partition.appendAll(batch);
                partition.sync();
            }
        };
    }

    @Override
    public void close() {
        store.close();
    }
}
