package io.timevault.raft;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Durable storage of one Raft log and its vote: OpenRaft 0.9.21's storage-v2 {@code RaftLogStorage}, synchronous.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>No hole: present entries always form one contiguous index range {@code (lastPurged.index, last.index]}
 *       (or {@code [first, last]} when nothing was purged; the first append of a fresh log may start at any index).
 *   <li>Every write — {@link #saveVote}, {@link #append}, {@link #truncate}, {@link #purge}, {@link #saveCommitted}
 *       — takes effect in call order, vote and log alike: a later write is never applied before an earlier one.
 *       Calls from different threads are ordered by the moment they are submitted.
 *   <li>Log ids grow with the index.
 * </ul>
 *
 * <h2>Thread rule</h2>
 * All methods are safe to call from any thread. Writes block the caller only as documented per method; reads
 * never wait for an fsync.
 *
 * @param <D> the application data type
 */
public interface RaftLogStorage<D> extends RaftLogReader<D>, AutoCloseable {

    /**
     * The last purged id and the last log id. {@code lastLogId} is the id of the last present entry, or
     * {@code lastPurgedLogId} if there is none; both are {@code null} for a fresh log. Independent of any state
     * machine. The purged id is visible as soon as {@link #purge} returned.
     */
    LogState getLogState();

    /**
     * A reader for concurrent use (e.g. by replication tasks). It sees every entry whose {@code append} returned,
     * including entries appended after the reader was obtained, and never an entry truncated before the read.
     */
    RaftLogReader<D> getLogReader();

    /**
     * Persists the vote. Durable when this returns; ordered with every other write.
     *
     * @throws StorageException if it could not be persisted (the previous vote then remains in effect)
     */
    void saveVote(Vote vote);

    /** The last vote passed to {@link #saveVote}, or empty if none was ever saved. */
    Optional<Vote> readVote();

    /**
     * Appends entries at the indexes their log ids carry. Returns once every entry is readable by every reader;
     * calls {@code callback} exactly once: with {@code null} when all of them are durable, or with the error.
     * Entries must continue the log: the first index is the last present index + 1 (or the last purged index + 1
     * when the log is empty), except for a fresh log, which may start anywhere. Entries at or below the last purged
     * index are ignored (OpenRaft's suite appends below the purge point once; it never reads them).
     *
     * <p>If this method throws, the callback has already been called with an {@link IOException} wrapping the
     * same error, so a caller that only waits for the callback never hangs.
     *
     * @param entries  the entries, ascending and consecutive; empty is allowed
     * @param callback told once when the entries are durable or failed
     * @throws StorageException if the entries could not be written or break the no-hole rule (defensive)
     */
    void append(List<Entry<D>> entries, LogFlushed callback);

    /**
     * Deletes every entry with {@code index >= since.index()} (OpenRaft's "truncate since, inclusive"); only the
     * index is used. A no-op when {@code since} is past the last entry. Does not change the last purged id. When
     * this returns, no reader returns a deleted entry and the deletion is durable.
     *
     * @throws StorageException if it failed
     */
    void truncate(LogId since);

    /**
     * Deletes every entry with {@code index <= upTo.index()} and records {@code upTo} as the last purged id,
     * visible in {@link #getLogState()} and durable when this returns. {@code upTo} may be past the last entry:
     * the log is then empty and its last log id is {@code upTo}. Purging the current last purged id again is a
     * no-op; a smaller id is rejected.
     *
     * @throws StorageException if it failed, or (defensive) if {@code upTo} is below the last purged id
     */
    void purge(LogId upTo);

    /**
     * Persists the last committed log id (optional in OpenRaft). This default does nothing, which makes
     * {@link #readCommitted()} return empty: the application then relies on its state machine's own durability.
     *
     * @param committed the committed id, or {@code null}
     */
    default void saveCommitted(LogId committed) {
    }

    /** The id last passed to {@link #saveCommitted}, or empty if the storage does not keep it (the default). */
    default Optional<LogId> readCommitted() {
        return Optional.empty();
    }

    /**
     * Appends and waits until the entries are durable (OpenRaft's {@code blocking_append}).
     *
     * @throws StorageException if the append or its flush failed
     */
    default void blockingAppend(List<Entry<D>> entries) {
        CompletableFuture<Void> flushed = new CompletableFuture<>();
        append(entries, LogFlushed.completing(flushed));
        try {
            flushed.join();
        } catch (CompletionException e) {
            throw new StorageException(ErrorSubject.LOGS, ErrorVerb.WRITE, "flush failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Stops accepting writes, completes the writes already accepted, and releases what the storage owns. Reads and
     * writes after close fail with a {@link StorageException}. Idempotent.
     */
    @Override
    void close();
}
