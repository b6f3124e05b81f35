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
import java.util.function.Supplier;

/**
 * The Raft logs of the application by name, for health and metrics: each one either open, with its
 * {@link TimevaultLogStorage}; or failed to open, with the status that says why (only when
 * {@code timevault.raft.fail-on-recovery-error=false}; otherwise a failed open fails startup); or observed, when
 * another component writes it (the logs of {@code timevault.raft.jraft.groups}).
 *
 * <p>Filled while the log storage beans are created; the bean of this type depends on all of them, so it is
 * complete once it can be injected. Thread-safe.
 */
public final class TimevaultRaftLogs {

    private final SortedMap<String, Log> logs = new ConcurrentSkipListMap<>();

    /** Records that the log {@code name} of node {@code nodeId} is open. */
    public void opened(String name, Long nodeId, TimevaultLogStorage<?> storage) {
        Objects.requireNonNull(storage, "storage");
        logs.put(name, new Log(name, nodeId, storage, null, null));
    }

    /** Records that the log {@code name} of node {@code nodeId} could not be opened; {@code status} says why. */
    public void failed(String name, Long nodeId, LogStorageStatus status) {
        Objects.requireNonNull(status, "status");
        logs.put(name, new Log(name, nodeId, null, status, null));
    }

    /**
     * Records a log that another component writes (a jraft group's log, opened by the jraft service factory):
     * {@code status} observes it from its partition.
     */
    public void observed(String name, Long nodeId, Supplier<LogStorageStatus> status) {
        Objects.requireNonNull(status, "status");
        logs.put(name, new Log(name, nodeId, null, null, status));
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
     * @param nodeId        this node's id in the log's Raft group, as configured; {@code null} if unknown
     * @param storage       the open storage, {@code null} if opening failed
     * @param failureStatus why opening failed, {@code null} unless it failed
     * @param observer      reads the status of a log another component writes, {@code null} for the others
     */
    public record Log(String name, Long nodeId, TimevaultLogStorage<?> storage, LogStorageStatus failureStatus,
            Supplier<LogStorageStatus> observer) {

        public Log {
            Objects.requireNonNull(name, "name");
            int set = ((storage != null) ? 1 : 0) + ((failureStatus != null) ? 1 : 0) + ((observer != null) ? 1 : 0);
            if (set != 1) {
                throw new IllegalArgumentException("exactly one of storage, failureStatus and observer must be set");
            }
        }

        /** The current status: the storage's own, the failed open's, or the observed one. */
        public LogStorageStatus status() {
            if (storage != null) {
                return storage.status();
            }
            return (failureStatus != null) ? failureStatus : observer.get();
        }

        /** The storage's counters; empty for a log that failed to open. */
        public Optional<LogStorageMetrics> metrics() {
            return Optional.ofNullable(storage).map(TimevaultLogStorage::metrics);
        }

        /** Whether this application's storage bean for the log is open (false for observed logs). */
        public boolean isOpen() {
            return storage != null;
        }
    }
}
