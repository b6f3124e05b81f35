package io.timevault.raft.jraft;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A bridge log storage initialized on a fresh store for each test, closed after it. */
abstract class InitializedLogStorage {

    @TempDir
    Path dir;

    StorageFixture fixture;
    TimevaultJRaftLogStorage log;

    @BeforeEach
    void open() {
        fixture = new StorageFixture(dir);
        log = fixture.initialized();
    }

    @AfterEach
    void close() {
        fixture.close();
    }
}
