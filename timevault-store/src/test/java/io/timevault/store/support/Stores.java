package io.timevault.store.support;

import io.timevault.store.Partition;
import io.timevault.store.PartitionConfig;
import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultStore;
import java.nio.file.Path;
import java.util.UUID;

/** Opening stores and partitions the way most tests need them. */
public final class Stores {

    /** The partition id of the spec's examples (§1.1): directory {@code partitions/fa/87/<id>}. */
    public static final UUID SPEC_ID = UUID.fromString("13f98d87-e036-4804-829a-bcb965a9fa87");

    private Stores() {
    }

    public static TimevaultStore open(Path root) {
        return TimevaultStore.open(root, StoreOptions.DEFAULTS);
    }

    public static TimevaultStore openReadOnly(Path root) {
        return TimevaultStore.open(root, StoreOptions.READ_ONLY);
    }

    /**
     * The spec's "fixture metadata" (§6): size and count knobs as given, hour knobs 0, key_is_timestamp true.
     * {@code maxBytes} {@link Records#U64_MAX} never rolls.
     */
    public static PartitionConfig fixture(long maxBytes, int maxRecords) {
        return PartitionConfig.defaults().withChunkRoll(maxBytes, 0).withIndex(maxRecords, 0);
    }

    /** Appends {@link Records#rec(long)} for every key of {@code from..to}. */
    public static void appendRange(Partition p, long from, long to) {
        for (long k = from; k <= to; k++) {
            p.append(k, Records.rec(k));
        }
    }

    /** Creates a partition, appends {@code from..to}, closes the store (close syncs). Returns the partition dir. */
    public static Path written(Path root, UUID id, PartitionConfig config, long from, long to) {
        try (TimevaultStore store = open(root)) {
            Partition p = store.createPartition(id, config);
            appendRange(p, from, to);
            return p.directory();
        }
    }
}
