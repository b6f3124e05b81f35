package io.timevault.raft.autoconfigure;

import io.timevault.raft.LogStorageMetrics;
import io.timevault.raft.LogStorageStatus;
import io.timevault.raft.TimevaultLogStorage;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The Raft logs of the application by name, for health and metrics: each one either open, with its
 * {@link TimevaultLogStorage}, or failed to open, with the status that says why (only when
 * {@code timevault.raft.fail-on-recovery-error=false}; otherwise a failed open fails startup).
 *
 * <p>Filled while the log storage beans are created; the bean of this type depends on all of them, so it is
 * complete once it can be injected. Thread-safe.
 */
public final class TimevaultRaftLogs {

    private final SortedMap<String, Log> logs = new ConcurrentSkipListMap<>();

    /** Records that the log {@code name} of node {@code nodeId} is open. */
    public void opened(String name, long nodeId, TimevaultLogStorage<?> storage) {
        Objects.requireNonNull(storage, "storage");
        logs.put(name, new Log(name, nodeId, storage, null));
    }

    /** Records that the log {@code name} of node {@code nodeId} could not be opened; {@code status} says why. */
    public void failed(String name, long nodeId, LogStorageStatus status) {
        Objects.requireNonNull(status, "status");
        logs.put(name, new Log(name, nodeId, null, status));
    }

    /** Every log, in name order. */
    public SortedMap<String, Log> all() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(logs));
    }

    /** The log {@code name}, if it is configured. */
    public Optional<Log> get(String name) {
        return Optional.ofNullable(logs.get(name));
    }

    /**
     * One log.
     *
     * @param name          the log's name
     * @param nodeId        this node's id in the log's Raft group, as configured
     * @param storage       the open storage, {@code null} if opening failed
     * @param failureStatus why opening failed, {@code null} if it is open
     */
    public record Log(String name, long nodeId, TimevaultLogStorage<?> storage, LogStorageStatus failureStatus) {

        public Log {
            Objects.requireNonNull(name, "name");
            if ((storage == null) == (failureStatus == null)) {
                throw new IllegalArgumentException("exactly one of storage and failureStatus must be set");
            }
        }

        /** The current status: the storage's own, or the failed open's. */
        public LogStorageStatus status() {
            return (storage != null) ? storage.status() : failureStatus;
        }

        /** The storage's counters; empty for a log that failed to open. */
        public Optional<LogStorageMetrics> metrics() {
            return Optional.ofNullable(storage).map(TimevaultLogStorage::metrics);
        }

        /** Whether the log is open. */
        public boolean isOpen() {
            return storage != null;
        }
    }
}
