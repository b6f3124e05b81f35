package io.timevault.raft.jraft;

import io.timevault.raft.RaftLogStorage;
import io.timevault.raft.RaftLogStorageSuite;
import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultStore;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter's contract suite against the adapter exactly as this bridge opens it: a group's partition in a store
 * (the bridge's partition configuration), the {@link JRaftPayload} codec, opened through {@link GroupLogs}.
 */
class BridgeLogStorageSuiteTest extends RaftLogStorageSuite<JRaftPayload> {

    @TempDir
    Path root;

    private TimevaultStore store;
    private GroupLogs.Lease lease;

    @Override
    protected RaftLogStorage<JRaftPayload> newStorage() {
        store = TimevaultStore.open(root, StoreOptions.DEFAULTS);
        lease = new GroupLogs(store, TimevaultJRaftOptions.DEFAULTS).acquire("suite-group");
        return lease.log();
    }

    @Override
    public JRaftPayload sampleData(long index) {
        String data = Base64.getEncoder().encodeToString(("command-" + index).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new JRaftPayload("DATA", data, null, null, null, null, null);
    }

    @AfterEach
    void closeStore() {
        if (lease != null) {
            lease.close();
        }
        if (store != null) {
            store.close();
        }
    }
}
