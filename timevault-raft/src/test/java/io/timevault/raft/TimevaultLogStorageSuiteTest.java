package io.timevault.raft;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The contract suite against the timevault adapter, on a real partition under a temporary directory. */
class TimevaultLogStorageSuiteTest extends RaftLogStorageSuite<String> {

    @TempDir
    Path root;

    private TestLog log;

    @Override
    protected RaftLogStorage<String> newStorage() {
        log = TestLog.open(root);
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
