package io.timevault.raft;

import io.timevault.store.Partition;
import io.timevault.store.PartitionConfig;
import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultStore;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A store, one partition in it and a {@link TimevaultLogStorage} of strings on it, under a test directory.
 * {@link #reopen()} closes all three and opens them again from the files, as a restarted process would.
 */
final class TestLog implements AutoCloseable {

    static final UUID PARTITION_ID = UUID.fromString("3f0c1d2e-4b5a-4c6d-8e7f-9a0b1c2d3e4f");
    static final JacksonFormatPlugin<String> CODEC = JacksonFormatPlugin.forType(String.class);

    private final Path root;
    private final PartitionConfig config;
    private final LogStorageOptions options;
    final TimevaultStore store;
    final Partition partition;
    final TimevaultLogStorage<String> storage;

    private TestLog(Path root, PartitionConfig config, LogStorageOptions options) {
        this.root = root;
        this.config = config;
        this.options = options;
        this.store = TimevaultStore.open(root, StoreOptions.DEFAULTS);
        TimevaultLogStorage<String> opened = null;
        Partition p = null;
        try {
            p = store.openOrCreatePartition(PARTITION_ID, config);
            opened = TimevaultLogStorage.open(p, CODEC, options);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        this.partition = p;
        this.storage = opened;
    }

    static TestLog open(Path root) {
        return new TestLog(root, PartitionConfig.defaults(), LogStorageOptions.DEFAULTS);
    }

    static TestLog open(Path root, PartitionConfig config, LogStorageOptions options) {
        return new TestLog(root, config, options);
    }

    /** The partition directory of {@link #PARTITION_ID} under {@code root}, without opening anything. */
    static Path partitionDirectory(Path root) {
        try (TimevaultStore s = TimevaultStore.open(root, StoreOptions.DEFAULTS)) {
            return s.partitionDirectory(PARTITION_ID);
        }
    }

    TestLog reopen() {
        close();
        return new TestLog(root, config, options);
    }

    Path directory() {
        return partition.directory();
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
