package io.timevault.raft.jraft;

import com.alipay.sofa.jraft.conf.ConfigurationManager;
import com.alipay.sofa.jraft.entity.codec.v2.LogEntryV2CodecFactory;
import com.alipay.sofa.jraft.option.LogStorageOptions;
import com.alipay.sofa.jraft.option.RaftOptions;
import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultStore;
import java.nio.file.Path;

/**
 * A store in a temporary directory with the bridge's factory on it, and the jraft-side calls a node makes to open
 * a log storage. {@link #restart()} closes everything and reopens it from the files, as a restarted process would.
 */
final class StorageFixture implements AutoCloseable {

    static final String GROUP = "unit-group";

    private final Path dir;
    TimevaultStore store;
    TimevaultJRaftServiceFactory factory;
    ConfigurationManager configurations;
    TimevaultJRaftLogStorage storage;

    StorageFixture(Path dir) {
        this.dir = dir;
        open();
    }

    private void open() {
        store = TimevaultStore.open(dir, StoreOptions.DEFAULTS);
        factory = new TimevaultJRaftServiceFactory(store);
        storage = newStorage();
        configurations = new ConfigurationManager();
    }

    TimevaultJRaftLogStorage newStorage() {
        return (TimevaultJRaftLogStorage) factory.createLogStorage("ignored", new RaftOptions());
    }

    /** {@code init} with the options jraft's log manager passes. */
    boolean init(TimevaultJRaftLogStorage log, ConfigurationManager manager) {
        LogStorageOptions options = new LogStorageOptions();
        options.setGroupId(GROUP);
        options.setConfigurationManager(manager);
        options.setLogEntryCodecFactory(LogEntryV2CodecFactory.getInstance());
        return log.init(options);
    }

    TimevaultJRaftLogStorage initialized() {
        if (!init(storage, configurations)) {
            throw new IllegalStateException("init failed");
        }
        return storage;
    }

    /** Shuts the storage down, closes the store, and opens both again from the files; returns the new storage. */
    TimevaultJRaftLogStorage restart() {
        close();
        open();
        return initialized();
    }

    @Override
    public void close() {
        storage.shutdown();
        store.close();
    }
}
