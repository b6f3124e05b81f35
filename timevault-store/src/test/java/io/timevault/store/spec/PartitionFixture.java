package io.timevault.store.spec;

import static io.timevault.store.support.Stores.appendRange;
import static io.timevault.store.support.Stores.fixture;

import io.timevault.store.Partition;
import io.timevault.store.TimevaultStore;
import io.timevault.store.support.Stores;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A write-mode store in a fresh directory per test, and one partition id, for the spec ports. */
abstract class PartitionFixture {

    protected final UUID id;

    @TempDir
    Path root;

    protected TimevaultStore store;

    PartitionFixture(UUID id) {
        this.id = id;
    }

    @BeforeEach
    void openStore() {
        store = Stores.open(root);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** The partition with the spec's fixture metadata, holding the records {@code from..to}. */
    Partition partition(long maxBytes, int maxRecords, long from, long to) {
        Partition p = store.createPartition(id, fixture(maxBytes, maxRecords));
        appendRange(p, from, to);
        return p;
    }

    /** Closes the store and opens the partition again, through recovery. */
    Partition reopen() {
        store.close();
        store = Stores.open(root);
        return store.openPartition(id);
    }
}
