package io.timevault.raft.jraft;

import io.timevault.raft.JacksonFormatPlugin;
import io.timevault.raft.TimevaultLogStorage;
import io.timevault.store.Partition;
import io.timevault.store.TimevaultStore;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The open logs of one store, one adapter per group, shared by the group's log storage and meta storage (which
 * jraft creates separately) so that each partition has exactly one writer.
 *
 * <p>A log is opened by the first {@link #acquire} of its group and closed when the last {@link Lease} is
 * released. A node restarted in the same JVM before its old storages were released simply shares the open log.
 * Closing an adapter leaves the partition open: the store owns it.
 *
 * <p>Thread-safe: acquire and release synchronize on this object.
 */
final class GroupLogs {

    /** The record codec of every jraft log: timevault-rs's raft line with a {@link JRaftPayload} as data. */
    static final JacksonFormatPlugin<JRaftPayload> CODEC = JacksonFormatPlugin.forType(JRaftPayload.class);

    private final TimevaultStore store;
    private final TimevaultJRaftOptions options;
    private final Map<UUID, Shared> open = new HashMap<>();

    GroupLogs(TimevaultStore store, TimevaultJRaftOptions options) {
        this.store = store;
        this.options = options;
    }

    TimevaultStore store() {
        return store;
    }

    TimevaultJRaftOptions options() {
        return options;
    }

    /**
     * The log of {@code groupId}, opened (and its partition created) if no one holds it.
     *
     * @throws RuntimeException whatever opening the partition or recovering the log threw
     */
    synchronized Lease acquire(String groupId) {
        UUID id = options.partitionIdOf(groupId);
        Shared shared = open.get(id);
        if (shared == null) {
            Partition partition = store.openOrCreatePartition(id, options.partitionConfig());
            shared = new Shared(groupId, TimevaultLogStorage.open(partition, CODEC, options.logStorageOptions()));
            open.put(id, shared);
        } else if (!shared.groupId.equals(groupId)) {
            throw new IllegalStateException("groups " + shared.groupId + " and " + groupId + " map to one partition " + id);
        }
        shared.holders++;
        return new Lease(id, shared);
    }

    private synchronized void release(UUID id, Shared shared) {
        shared.holders--;
        if (shared.holders == 0 && open.get(id) == shared) {
            open.remove(id);
            shared.log.close();
        }
    }

    /** The open log of {@code groupId}, if a node of this JVM holds it. */
    synchronized java.util.Optional<TimevaultLogStorage<JRaftPayload>> find(String groupId) {
        Shared shared = open.get(options.partitionIdOf(groupId));
        return shared == null ? java.util.Optional.empty() : java.util.Optional.of(shared.log);
    }

    /** Whether some storage holds the log of {@code groupId}. */
    synchronized boolean isOpen(String groupId) {
        return open.containsKey(options.partitionIdOf(groupId));
    }

    private static final class Shared {
        final String groupId;
        final TimevaultLogStorage<JRaftPayload> log;
        int holders;

        Shared(String groupId, TimevaultLogStorage<JRaftPayload> log) {
            this.groupId = groupId;
            this.log = log;
        }
    }

    /** One holder's use of a group's log. Release it exactly once; later releases are ignored. */
    final class Lease implements AutoCloseable {

        private final UUID id;
        private final Shared shared;
        private boolean released;

        private Lease(UUID id, Shared shared) {
            this.id = id;
            this.shared = shared;
        }

        TimevaultLogStorage<JRaftPayload> log() {
            return shared.log;
        }

        String groupId() {
            return shared.groupId;
        }

        @Override
        public void close() {
            synchronized (GroupLogs.this) {
                if (released) {
                    return;
                }
                released = true;
                release(id, shared);
            }
        }
    }
}
