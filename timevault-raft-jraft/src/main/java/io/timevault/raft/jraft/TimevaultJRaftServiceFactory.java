package io.timevault.raft.jraft;

import com.alipay.sofa.jraft.JRaftServiceFactory;
import com.alipay.sofa.jraft.core.DefaultJRaftServiceFactory;
import com.alipay.sofa.jraft.entity.codec.LogEntryCodecFactory;
import com.alipay.sofa.jraft.option.NodeOptions;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.storage.LogStorage;
import com.alipay.sofa.jraft.storage.RaftMetaStorage;
import com.alipay.sofa.jraft.storage.SnapshotStorage;
import io.timevault.raft.TimevaultLogStorage;
import io.timevault.store.TimevaultStore;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps jraft's Raft log and its term/vote in timevault partitions: set it with
 * {@code NodeOptions.setServiceFactory(new TimevaultJRaftServiceFactory(store))}.
 *
 * <p>One store serves many Raft groups: each group's log lives in its own partition, found by group id (see
 * {@link TimevaultJRaftOptions#groups()}); the log storage and the meta storage of a group share one
 * {@link io.timevault.raft.TimevaultLogStorage}. Snapshots stay in jraft's own file snapshot storage and the log entry
 * codec is jraft's default: this factory overrides the two storages and delegates the rest. The log and meta URIs
 * of {@link NodeOptions} are not used (the group id decides), but jraft still requires them to be non-blank.
 *
 * <p>The factory does not own the store: close the store after every node using it was shut down. Two nodes of
 * one group cannot share a store (they would share one partition); give each its own store or its own
 * partition ids.
 *
 * <p>Thread-safe: jraft may create storages for several nodes concurrently.
 */
public final class TimevaultJRaftServiceFactory implements JRaftServiceFactory {

    private final JRaftServiceFactory defaults = DefaultJRaftServiceFactory.newInstance();
    private final GroupLogs logs;

    /** Groups in {@code store} with {@link TimevaultJRaftOptions#DEFAULTS}. */
    public TimevaultJRaftServiceFactory(TimevaultStore store) {
        this(store, TimevaultJRaftOptions.DEFAULTS);
    }

    public TimevaultJRaftServiceFactory(TimevaultStore store, TimevaultJRaftOptions options) {
        this.logs = new GroupLogs(Objects.requireNonNull(store, "store"), Objects.requireNonNull(options, "options"));
    }

    /**
     * A log storage for the group given later to {@code init}. Compact entries get a recomputed checksum on reading
     * when {@code raftOptions.isEnableLogEntryChecksum()}.
     *
     * @param uri ignored: the group id from {@code init} chooses the partition
     */
    @Override
    public LogStorage createLogStorage(String uri, RaftOptions raftOptions) {
        return new TimevaultJRaftLogStorage(logs, new LogEntryMapping(raftOptions.isEnableLogEntryChecksum()));
    }

    /**
     * A meta storage on the vote of the node's group.
     *
     * @param uri ignored: the node's group id chooses the partition
     */
    @Override
    public RaftMetaStorage createRaftMetaStorage(String uri, RaftOptions raftOptions) {
        return new TimevaultRaftMetaStorage(logs);
    }

    /** jraft's own local file snapshot storage at {@code nodeOptions.getSnapshotUri()}. */
    @Override
    public SnapshotStorage createSnapshotStorage(NodeOptions nodeOptions) {
        return defaults.createSnapshotStorage(nodeOptions);
    }

    /**
     * jraft's default (LogEntry V2). jraft hands it to the log storage, which does not use it: entries are stored as
     * JSON lines by {@link LogEntryMapping}.
     */
    @Override
    public LogEntryCodecFactory createLogEntryCodecFactory() {
        return defaults.createLogEntryCodecFactory();
    }

    /**
     * The log of {@code groupId} while a node of this JVM runs it (for health and metrics); empty before the node
     * started and after it shut down.
     */
    public Optional<TimevaultLogStorage<?>> openLog(String groupId) {
        return logs.find(groupId).map(log -> log);
    }

    /** The store holding the groups' partitions. */
    public TimevaultStore store() {
        return logs.store();
    }

    /** The options the factory was created with. */
    public TimevaultJRaftOptions options() {
        return logs.options();
    }
}
