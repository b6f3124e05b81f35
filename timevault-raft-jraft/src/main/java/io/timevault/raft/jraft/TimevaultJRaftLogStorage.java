package io.timevault.raft.jraft;

import com.alipay.sofa.jraft.entity.LogEntry;
import com.alipay.sofa.jraft.option.LogStorageOptions;
import com.alipay.sofa.jraft.storage.LogStorage;
import io.timevault.raft.Entry;
import io.timevault.raft.LogId;
import io.timevault.raft.LogState;
import io.timevault.raft.TimevaultLogStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jraft's {@link LogStorage} on one group's {@link TimevaultLogStorage}: a thin mapping, method by method. The
 * semantics (durability, ordering, purge recovery) are the adapter's; entries are mapped by
 * {@link LogEntryMapping}.
 *
 * <h2>Index conventions</h2>
 * jraft logs start at index 1. With the adapter's log state {@code (lastPurged, last)}:
 * {@code first = lastPurged + 1}, or 1 if nothing was purged; {@code last = last.index}, which is
 * {@code lastPurged} when the log is empty, or 0 for a fresh log. So an empty log always reports
 * {@code last = first - 1}. {@code getTerm(i)} is 0 for an index not in the log, including 0.
 *
 * <h2>Mapping</h2>
 * <ul>
 *   <li>{@code appendEntries}: one adapter {@code append}, waiting for its flush callback: returns only when the
 *       entries are durable (jraft counts them towards the commit quorum on return).
 *   <li>{@code truncateSuffix(k)}: {@code truncate} since {@code k + 1} (the id of the entry there).
 *   <li>{@code truncatePrefix(k)}: {@code purge} up to {@code k - 1}, with that entry's id. When {@code k - 1} is
 *       past the end (a snapshot ahead of the log) there is no entry to take a term from: the purge id gets the
 *       term of the previous purge point (0 if none), a lower bound of the true term that keeps purge ids and the
 *       log ids after them monotonic (the adapter requires both).
 *   <li>{@code reset(n)} (a snapshot conflicting with the log): {@code truncate} every entry, <em>then</em>
 *       {@code purge} up to {@code n - 1} as above. A crash between the two leaves an empty log at the old purge
 *       point; the next start loads the snapshot (durable before jraft calls reset), finds no entry at its index
 *       and purges up to it, which is the state reset would have left. The opposite order could leave stale
 *       entries right after the snapshot.
 * </ul>
 * A failure is never retried: {@link FailStop} logs it once and returns {@code false}, a short count or
 * {@code null}, which makes jraft stop the node.
 *
 * <h2>Threads</h2>
 * jraft calls the writes ({@code appendEntries}, {@code truncate*}, {@code reset}) from its single log-manager
 * thread and {@code getEntry}/{@code getTerm} from many threads at once; reads never wait for a write's fsync.
 * {@code init} and {@code shutdown} come from the node's life cycle, never concurrently with the others.
 */
public final class TimevaultJRaftLogStorage implements LogStorage {

    private static final Logger log = LoggerFactory.getLogger(TimevaultJRaftLogStorage.class);

    private final GroupLogs logs;
    private final LogEntryMapping mapping;
    private final ReadAhead readAhead = new ReadAhead();
    private volatile GroupLogs.Lease lease;
    private volatile FailStop failStop = new FailStop(log, "jraft log (not initialized)");

    TimevaultJRaftLogStorage(GroupLogs logs, LogEntryMapping mapping) {
        this.logs = logs;
        this.mapping = mapping;
    }

    /**
     * Opens the group's log ({@code opts.getGroupId()}) and re-registers every configuration entry still in it
     * with {@code opts.getConfigurationManager()}.
     */
    @Override
    public boolean init(LogStorageOptions opts) {
        if (lease != null) {
            log.warn("{}: already initialized", failStop.name());
            return true;
        }
        String groupId = opts.getGroupId();
        failStop = failStop.named("jraft log of group " + groupId + " (partition "
                + logs.options().partitionIdOf(groupId) + ")");
        return failStop.call("init", () -> {
            GroupLogs.Lease opened = logs.acquire(groupId);
            try {
                LogState state = opened.log().getLogState();
                long first = firstIndex(state);
                long last = lastIndex(state);
                if (state.lastPurgedLogId() == null && last > 0 && opened.log().tryGetLogEntry(1).isEmpty()) {
                    throw new IllegalStateException("the log was never purged but has no entry at index 1");
                }
                int configurations = ConfigurationScan.replay(opened.log(), mapping, opts.getConfigurationManager(),
                        first, last);
                log.debug("{}: log [{}, {}], {} configuration entries re-registered, recovery {}",
                        failStop.name(), first, last, configurations, opened.log().recovery().kind());
            } catch (RuntimeException e) {
                opened.close();
                throw e;
            }
            lease = opened;
            return true;
        }, false);
    }

    /** Releases the group's log (closed once its meta storage released it too). Idempotent. */
    @Override
    public void shutdown() {
        GroupLogs.Lease held = lease;
        lease = null;
        readAhead.invalidate();
        if (held != null) {
            held.close();
        }
    }

    @Override
    public long getFirstLogIndex() {
        return failStop.call("getFirstLogIndex", () -> firstIndex(adapter().getLogState()), 0L);
    }

    @Override
    public long getLastLogIndex() {
        return failStop.call("getLastLogIndex", () -> lastIndex(adapter().getLogState()), 0L);
    }

    /**
     * The entry at {@code index}, or {@code null} if it is not in the log (or cannot be read). Sequential reads (a
     * follower catching up) are served by a {@link ReadAhead}.
     */
    @Override
    public LogEntry getEntry(long index) {
        return failStop.call("getEntry " + index,
                () -> readAhead.get(index, adapter()).map(mapping::toLogEntry).orElse(null), null);
    }

    /** Deprecated in jraft, which asks {@code getEntry(i).getId().getTerm()}; 0 if {@code index} is not in the log. */
    @Override
    @Deprecated
    public long getTerm(long index) {
        if (index <= 0) {
            return 0;
        }
        return failStop.call("getTerm " + index,
                () -> adapter().tryGetLogEntry(index).map(e -> e.logId().leaderId().term()).orElse(0L), 0L);
    }

    @Override
    public boolean appendEntry(LogEntry entry) {
        return appendEntries(List.of(entry)) == 1;
    }

    /**
     * Appends and returns once the entries are durable: their count, or 0 if they may not be. The first entry must
     * be at {@code last + 1}. Never throws.
     */
    @Override
    public int appendEntries(List<LogEntry> entries) {
        if (entries == null || entries.isEmpty()) {
            return 0;
        }
        return failStop.call(describe(entries), () -> {
            TimevaultLogStorage<JRaftPayload> adapter = adapter();
            // The adapter lets a fresh log start anywhere; a jraft log starts at its first index.
            long expected = lastIndex(adapter.getLogState()) + 1;
            if (entries.get(0).getId().getIndex() != expected) {
                throw new IllegalStateException("the log ends at " + (expected - 1) + ": appending at "
                        + entries.get(0).getId().getIndex() + " would leave a hole or overwrite an entry");
            }
            List<Entry<JRaftPayload>> mapped = new ArrayList<>(entries.size());
            for (LogEntry entry : entries) {
                mapped.add(mapping.toEntry(entry));
            }
            adapter.blockingAppend(mapped);
            return entries.size();
        }, 0);
    }

    /** Deletes the entries before {@code firstIndexKept}; durable on return. */
    @Override
    public boolean truncatePrefix(long firstIndexKept) {
        return failStop.run("truncatePrefix " + firstIndexKept, () -> changingLog(() -> {
            TimevaultLogStorage<JRaftPayload> adapter = adapter();
            LogState state = adapter.getLogState();
            if (firstIndexKept <= firstIndex(state)) {
                return;
            }
            adapter.purge(idAtOrBound(adapter, state, firstIndexKept - 1));
        }));
    }

    /** Deletes the entries after {@code lastIndexKept}; durable on return. */
    @Override
    public boolean truncateSuffix(long lastIndexKept) {
        return failStop.run("truncateSuffix " + lastIndexKept, () -> changingLog(() -> {
            TimevaultLogStorage<JRaftPayload> adapter = adapter();
            if (lastIndexKept >= lastIndex(adapter.getLogState())) {
                return;
            }
            long since = lastIndexKept + 1;
            adapter.truncate(adapter.tryGetLogEntry(since).map(Entry::logId).orElse(LogId.of(0, 0, since)));
        }));
    }

    /** Drops every entry; afterwards {@code first = nextLogIndex}, {@code last = nextLogIndex - 1}. Crash-safe. */
    @Override
    public boolean reset(long nextLogIndex) {
        return failStop.run("reset " + nextLogIndex, () -> changingLog(() -> {
            if (nextLogIndex <= 0) {
                throw new IllegalArgumentException("nextLogIndex must be positive, was " + nextLogIndex);
            }
            TimevaultLogStorage<JRaftPayload> adapter = adapter();
            LogState state = adapter.getLogState();
            long first = firstIndex(state);
            if (lastIndex(state) >= first) {
                adapter.truncate(adapter.tryGetLogEntry(first).map(Entry::logId).orElse(LogId.of(0, 0, first)));
            }
            FaultPoints.hit(FaultPoints.RESET_AFTER_TRUNCATE);
            long upTo = nextLogIndex - 1;
            LogId purged = state.lastPurgedLogId();
            if (purged != null && upTo < purged.index()) {
                throw new IllegalStateException("cannot reset to " + nextLogIndex + ": the log was purged up to "
                        + purged + " already");
            }
            if (upTo > 0 && (purged == null || upTo > purged.index())) {
                adapter.purge(LogId.of(termOf(purged), 0, upTo));
            }
        }));
    }

    @Override
    public String toString() {
        return "TimevaultJRaftLogStorage[" + failStop.name() + "]";
    }

    // ----

    /** Runs a change of the log's entries with the read-ahead invalidated before and after (see {@link ReadAhead}). */
    private void changingLog(Runnable change) {
        readAhead.invalidate();
        try {
            change.run();
        } finally {
            readAhead.invalidate();
        }
    }

    private TimevaultLogStorage<JRaftPayload> adapter() {
        GroupLogs.Lease held = lease;
        if (held == null) {
            throw new IllegalStateException("the log storage is not initialized or was shut down");
        }
        return held.log();
    }

    static long firstIndex(LogState state) {
        return state.lastPurgedLogId() == null ? 1 : state.lastPurgedLogId().index() + 1;
    }

    static long lastIndex(LogState state) {
        return state.lastLogId() == null ? 0 : state.lastLogId().index();
    }

    /** The id of the entry at {@code index}, or, past the end, {@code index} with the last purge point's term. */
    private static LogId idAtOrBound(TimevaultLogStorage<JRaftPayload> adapter, LogState state, long index) {
        Optional<Entry<JRaftPayload>> entry = adapter.tryGetLogEntry(index);
        return entry.map(Entry::logId).orElseGet(() -> LogId.of(termOf(state.lastPurgedLogId()), 0, index));
    }

    private static long termOf(LogId id) {
        return id == null ? 0 : id.leaderId().term();
    }

    private static String describe(List<LogEntry> entries) {
        return "appendEntries [" + entries.get(0).getId().getIndex() + ", "
                + entries.get(entries.size() - 1).getId().getIndex() + "]";
    }
}
