package io.timevault.raft.jraft;

import io.timevault.raft.RaftLogRegistry;
import io.timevault.raft.LogLifecycleLog;
import io.timevault.raft.TimevaultLogStorage;
import io.timevault.store.Partition;
import io.timevault.store.TimevaultStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open logs of one store, one adapter per group, shared by the group's log storage and meta storage (which
 * jraft creates separately) so that each partition has exactly one writer.
 *
 * <p>A log is opened by the first {@link #acquire} of its group and closed when the last {@link Lease} is
 * released; both are logged ({@link LogLifecycleLog}) and reported to the options' {@link GroupLogListener}. A node
 * restarted in the same JVM before its old storages were released simply shares the open log. Closing an adapter
 * leaves the partition open: the store owns it.
 *
 * <p>Thread-safe: acquire and release synchronize on this object; the listener is called outside that lock.
 */
final class GroupLogs {

    private static final Logger logger = LoggerFactory.getLogger(GroupLogs.class);

    /** The record codec of every jraft log: timevault-rs's raft line with a {@link JRaftPayload} as data. */
    static final JRaftRecordCodec CODEC = JRaftRecordCodec.INSTANCE;

    /** The partition-id rule of versions up to 0.1.0 for groups, checked so that an old log is never skipped. */
    private static final String LEGACY_PREFIX = "timevault-raft-jraft:group:";

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
     * The log of {@code groupId}, opened (and its partition created if the group is new) if no one holds it.
     *
     * @throws io.timevault.raft.RaftLogMissingException if the store's registry lists the group but its partition
     *                                                   is gone, under {@link io.timevault.raft.IfMissing#FAIL}
     * @throws RuntimeException whatever opening the partition or recovering the log threw
     */
    Lease acquire(String groupId) {
        long start = System.nanoTime();
        Lease lease;
        boolean opened;
        synchronized (this) {
            GroupLogSettings settings = options.settingsOf(groupId);
            UUID id = settings.partitionId();
            Shared shared = open.get(id);
            opened = shared == null;
            if (opened) {
                checkNoLegacyLog(groupId, id);
                // Through the registry: a group whose partition vanished must not start empty (Raft safety).
                Partition partition = RaftLogRegistry.of(store).open(groupId, id, settings.partitionConfig(),
                        settings.ifMissing());
                shared = new Shared(groupId, TimevaultLogStorage.open(partition, CODEC, settings.storageOptions()));
                open.put(id, shared);
            } else if (!shared.groupId.equals(groupId)) {
                throw new IllegalStateException("groups " + shared.groupId + " and " + groupId
                        + " map to one partition " + id);
            }
            shared.holders++;
            lease = new Lease(id, shared);
        }
        if (opened) {
            LogLifecycleLog.opened(groupId, lease.log(), Duration.ofNanos(System.nanoTime() - start));
            notify("opened", () -> options.listener().opened(groupId, lease.log()));
        }
        return lease;
    }

    /**
     * A group whose log was written before the one partition-id rule ({@code LogPartitionIds}) must not start empty
     * in a new partition: its old partition is named, with the property that keeps using it.
     */
    private void checkNoLegacyLog(String groupId, UUID id) {
        UUID legacy = UUID.nameUUIDFromBytes((LEGACY_PREFIX + groupId).getBytes(StandardCharsets.UTF_8));
        if (!store.hasPartition(id) && !legacy.equals(id) && store.hasPartition(legacy)) {
            throw new IllegalStateException("the log of group " + groupId + " is in partition " + legacy + " ("
                    + store.partitionDirectory(legacy) + "), placed by the partition-id rule of timevault-raft "
                    + "0.1.0; it would now start empty in partition " + id + ". Keep the old partition: set "
                    + "timevault.raft.logs." + groupId + ".partition-id=" + legacy
                    + " (or GroupLogSettings.partitionId without Spring)");
        }
    }

    private void release(UUID id, Shared shared) {
        boolean closed = false;
        synchronized (this) {
            shared.holders--;
            if (shared.holders == 0 && open.get(id) == shared) {
                open.remove(id);
                shared.log.close();
                closed = true;
            }
        }
        if (closed) {
            LogLifecycleLog.closed(shared.groupId, shared.log);
            notify("closed", () -> options.listener().closed(shared.groupId, shared.log));
        }
    }

    private static void notify(String event, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            logger.warn("group log listener failed on '{}' (ignored)", event, e);
        }
    }

    /** The open log of {@code groupId}, if a node of this JVM holds it. */
    synchronized Optional<TimevaultLogStorage<JRaftPayload>> find(String groupId) {
        Shared shared = open.get(options.partitionIdOf(groupId));
        return shared == null || !shared.groupId.equals(groupId) ? Optional.empty() : Optional.of(shared.log);
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
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
            }
            release(id, shared);
        }
    }
}
