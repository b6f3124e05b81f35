package io.timevault.raft;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The reference model of a log storage, after OpenRaft's in-memory example store (spec openraft-storage-contract
 * §4.5): a sorted map of entries, the last purged id, the vote and the committed id, all behind one lock. Appends
 * insert at each entry's index and complete the callback before returning; purge asserts monotonic ids.
 * Nothing is durable: this is the yardstick the contract suite runs against besides the real adapter.
 *
 * @param <D> the application data type
 */
public final class InMemoryLogStorage<D> implements RaftLogStorage<D> {

    private final TreeMap<Long, Entry<D>> log = new TreeMap<>(Long::compareUnsigned);
    private LogId lastPurged;
    private Vote vote;
    private LogId committed;
    private boolean closed;

    @Override
    public synchronized List<Entry<D>> tryGetLogEntries(long startInclusive, long endExclusive) {
        checkOpen();
        if (Long.compareUnsigned(startInclusive, endExclusive) >= 0) {
            return List.of();
        }
        Map<Long, Entry<D>> range = endExclusive == UNBOUNDED
                ? log.tailMap(startInclusive, true) : log.subMap(startInclusive, true, endExclusive, false);
        return new ArrayList<>(range.values());
    }

    @Override
    public synchronized LogState getLogState() {
        checkOpen();
        LogId last = log.isEmpty() ? null : log.lastEntry().getValue().logId();
        return new LogState(lastPurged, last != null ? last : lastPurged);
    }

    @Override
    public RaftLogReader<D> getLogReader() {
        return this;
    }

    @Override
    public synchronized void saveVote(Vote vote) {
        checkOpen();
        this.vote = vote;
    }

    @Override
    public synchronized Optional<Vote> readVote() {
        checkOpen();
        return Optional.ofNullable(vote);
    }

    @Override
    public synchronized void saveCommitted(LogId committed) {
        checkOpen();
        this.committed = committed;
    }

    @Override
    public synchronized Optional<LogId> readCommitted() {
        checkOpen();
        return Optional.ofNullable(committed);
    }

    @Override
    public void append(List<Entry<D>> entries, LogFlushed callback) {
        synchronized (this) {
            checkOpen();
            for (Entry<D> entry : entries) {
                log.put(entry.index(), entry);
            }
        }
        callback.logIoCompleted(null);
    }

    @Override
    public synchronized void truncate(LogId since) {
        checkOpen();
        log.tailMap(since.index(), true).clear();
    }

    @Override
    public synchronized void purge(LogId upTo) {
        checkOpen();
        if (LogId.NULLS_FIRST.compare(lastPurged, upTo) > 0) {
            throw StorageException.defensive(new ErrorSubject.Log(upTo), ErrorVerb.DELETE,
                    "purge up to " + upTo + " is below the last purged id " + lastPurged);
        }
        lastPurged = upTo;
        log.headMap(upTo.index(), true).clear();
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw StorageException.defensive(ErrorSubject.STORE, ErrorVerb.READ, "closed");
        }
    }
}
