package io.timevault.raft;

import io.timevault.store.PartitionConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract suite against the adapter on a partition that rolls a chunk every kilobyte and writes an index line
 * every three records, so that reads, purges and truncations cross chunk and index-block boundaries.
 */
class TimevaultLogStorageSmallChunksSuiteTest extends RaftLogStorageSuite<String> {

    static final PartitionConfig SMALL_CHUNKS = PartitionConfig.defaults().withChunkRoll(1024, 0).withIndex(3, 0);

    @TempDir
    Path root;

    private TestLog log;

    @Override
    protected RaftLogStorage<String> newStorage() {
        log = TestLog.open(root, SMALL_CHUNKS, LogStorageOptions.DEFAULTS);
        return log.storage;
    }

    @Override
    public String sampleData(long index) {
        return "command-" + index;
    }

    @AfterEach
    void closeStore() {
        if (log != null) {
            log.close();
        }
    }
}
