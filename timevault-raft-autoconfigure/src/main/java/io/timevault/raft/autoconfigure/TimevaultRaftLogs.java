package io.timevault.raft.autoconfigure;

import io.timevault.raft.LogStorageMetrics;
import io.timevault.raft.LogStorageStatus;
import io.timevault.raft.TimevaultLogStorage;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The Raft logs of the application by name, as health and metrics see them, kept current while the application
 * runs: a log is <em>open</em> (with its {@link TimevaultLogStorage}) from the moment whoever opens it — a storage
 * bean, or the jraft service factory when a group's node starts — until it is closed; a log that failed to open
 * carries the status that says why (only with {@code timevault.raft.fail-on-recovery-error=false}); a configured log
 * that nobody holds open (a jraft group whose node is not running) is <em>inspected</em> from its partition,
 * read-only.
 *
 * <p>{@link Listener}s learn of every open and close (the metrics binder registers and removes meters). Thread-safe:
 * changes are serialized, and listeners are called in order, on the thread that made the change, while it holds
 * this object's lock (so they must not call back into it; reading {@link #all()} is fine).
 */
public final class TimevaultRaftLogs {

    private final SortedMap<String, Log> logs = new ConcurrentSkipListMap<>();

    /** What a log falls back to when it closes: its inspector, if it is configured. */
    private final SortedMap<String, Log> idle = new ConcurrentSkipListMap<>();

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** Records that the log {@code name} of node {@code nodeId} is open and tells the listeners. */
    public synchronized void opened(String name, Long nodeId, TimevaultLogStorage<?> storage) {
        Objects.requireNonNull(storage, "storage");
        Log log = new Log(name, nodeId, storage, null, null);
        logs.put(name, log);
        listeners.forEach(listener -> listener.opened(log));
    }

    /**
     * Records that the log {@code name} was closed, if {@code storage} is the one recorded as open (a node that
     * restarted may have opened the log again already), and tells the listeners. The log then reads as inspected
     * if it is configured, and disappears otherwise.
     */
    public synchronized void closed(String name, TimevaultLogStorage<?> storage) {
        Log log = logs.get(name);
        if (log == null || log.storage() != storage) {
            return;
        }
        Log fallback = idle.get(name);
        if (fallback != null) {
            logs.put(name, fallback);
        } else {
            logs.remove(name);
        }
        listeners.forEach(listener -> listener.closed(log));
    }

    /** Records that the log {@code name} of node {@code nodeId} could not be opened; {@code status} says why. */
    public synchronized void failed(String name, Long nodeId, LogStorageStatus status) {
        Objects.requireNonNull(status, "status");
        logs.put(name, new Log(name, nodeId, null, status, null));
    }

    /**
     * Records a configured log that another component opens when it needs it (a jraft group's log, opened when the
     * group's node starts); until then, and after it closed, {@code inspector} reads its status from its partition.
     */
    public synchronized void inspected(String name, Long nodeId, Supplier<LogStorageStatus> inspector) {
        Objects.requireNonNull(inspector, "inspector");
        Log log = new Log(name, nodeId, null, null, inspector);
        idle.put(name, log);
        logs.putIfAbsent(name, log);
    }

    /**
     * Adds a listener and tells it about every log open already, so that it misses none.
     */
    public synchronized void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        logs.values().stream().filter(Log::isOpen).forEach(listener::opened);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** Every log, in name order. */
    public SortedMap<String, Log> all() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(logs));
    }

    /** The log {@code name}, if it is configured or open. */
    public Optional<Log> get(String name) {
        return Optional.ofNullable(logs.get(name));
    }

    /** Learns of logs opening and closing. Called on the thread that opened or closed the log; must not block. */
    public interface Listener {

        /** {@code log} was opened. */
        void opened(Log log);

        /** {@code log} was closed. */
        void closed(Log log);
    }

    /**
     * One log.
     *
     * @param name          the log's name
     * @param nodeId        this node's id in the log's Raft group, as configured; {@code null} if unknown
     * @param storage       the open storage; {@code null} unless the log is open
     * @param failureStatus why opening failed; {@code null} unless it failed
     * @param inspector     reads the status of a log nobody holds open; {@code null} for the others
     */
    public record Log(String name, Long nodeId, TimevaultLogStorage<?> storage, LogStorageStatus failureStatus,
            Supplier<LogStorageStatus> inspector) {

        public Log {
            Objects.requireNonNull(name, "name");
            int set = ((storage != null) ? 1 : 0) + ((failureStatus != null) ? 1 : 0) + ((inspector != null) ? 1 : 0);
            if (set != 1) {
                throw new IllegalArgumentException("exactly one of storage, failureStatus and inspector must be set");
            }
        }

        /** The current status: the storage's own, the failed open's, or the inspected one. */
        public LogStorageStatus status() {
            if (storage != null) {
                return storage.status();
            }
            return (failureStatus != null) ? failureStatus : inspector.get();
        }

        /** The storage's counters; empty unless the log is open. */
        public Optional<LogStorageMetrics> metrics() {
            return Optional.ofNullable(storage).map(TimevaultLogStorage::metrics);
        }

        /** Whether the log is open in this application. */
        public boolean isOpen() {
            return storage != null;
        }
    }
}
