package io.timevault.raft;

import io.timevault.store.Partition;
import io.timevault.store.StoredRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer of one log storage: executes every write in submission order, one turn at a time on the shared
 * {@link WriterPool} (never two turns of one log at once, so everything below "writer thread" means "the turn
 * running now"). A turn runs at most {@link #COMMANDS_PER_TURN} commands, then yields the thread to other logs.
 *
 * <p>Appends are taken from the queue until it is empty or {@link LogStorageOptions#maxBatchEntries()} entries are
 * gathered, and written with one {@code partition.appendAll}; their callers are released as soon as that returns
 * (the entries are readable). Then one {@code partition.sync()} makes the whole batch durable, the durable state is
 * published and the callbacks run, in order (group commit). Vote, purge, truncate and shutdown are barriers: they
 * run after the pending batch was flushed, and their callers wait for them.
 *
 * <p>Sticky failure: the first failed write (I/O error, fsync error, an unexpected exception) is kept; the pending
 * batch's callbacks report it, and every later write fails fast with it as the cause. A rejected call (a hole, a
 * purge backwards) is not a failure: nothing was written.
 *
 * <p>Thread rule: {@link #append}, {@link #appendDurably}, {@link #execute} and {@link #close} may be called from any
 * thread except a writer thread (a callback writing to a storage would wait for the pool, possibly for itself;
 * {@code close} from one does not wait); the accessors from any thread. Everything else runs in the writer's turns.
 */
final class LogWriter implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(LogWriter.class);
    /** Commands (an append batch counts as one) a turn runs before it lets other logs have the thread. */
    static final int COMMANDS_PER_TURN = 16;

    private final Partition partition;
    private final RecordDecoder<?> decoder;
    private final LogStorageOptions options;
    private final String name;
    private final BlockingQueue<WriteCommand> queue = new LinkedBlockingQueue<>();
    private final WriterCounters counters = new WriterCounters();
    private final Object submitLock = new Object();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final CompletableFuture<Void> exited = new CompletableFuture<>();
    private volatile boolean started;

    private volatile boolean accepting = true; // written under submitLock
    private volatile StorageException failure; // the first write failure; never cleared
    private volatile DurableState state;

    // Writer turns only (one at a time; each turn starts after the previous one ended, through `scheduled`).
    private WriteCommand taken; // taken from the queue by the last batch, not run yet
    private LogId tail; // the last entry written to the partition, durable or not
    private final List<WriteCommand.Append> batch = new ArrayList<>(); // accepted, not yet reported

    LogWriter(Partition partition, RecordDecoder<?> decoder, LogStorageOptions options, DurableState recovered) {
        this.partition = partition;
        this.decoder = decoder;
        this.options = options;
        this.name = "partition " + partition.id();
        this.state = recovered;
        this.tail = recovered.lastPresent();
    }

    void start() {
        started = true;
        schedule();
    }

    /** Gives the writer a turn unless it has one already (or was not started). */
    private void schedule() {
        if (started && !exited.isDone() && scheduled.compareAndSet(false, true)) {
            WriterPool.execute(this);
        }
    }

    /** The durable state, as of the last successful write. */
    DurableState state() {
        return state;
    }

    WriterState writerState() {
        if (!accepting) {
            return WriterState.CLOSED;
        }
        return failure != null ? WriterState.FAILED : WriterState.RUNNING;
    }

    /** The original cause of the sticky failure, or {@code null}. */
    Throwable failureCause() {
        StorageException f = failure;
        return f == null ? null : rootOf(f);
    }

    boolean closed() {
        return !accepting;
    }

    LogStorageMetrics metrics() {
        return counters.snapshot(queue.size());
    }

    // ---- caller side

    /** Queues an append and waits until its entries are readable. Calls the callback with the error if it throws. */
    void append(WriteCommand.Append append) {
        submit(append);
        await(append.readable());
    }

    /** Queues an append and waits until {@code flushed}, completed by its callback, reports durability. */
    void appendDurably(WriteCommand.Append append, CompletableFuture<Void> flushed) {
        submit(append);
        try {
            flushed.join();
        } catch (CompletionException e) {
            // the callback carries an IOException whose cause is the StorageException
            Throwable cause = e.getCause().getCause() instanceof StorageException s ? s : e.getCause();
            throw cause instanceof StorageException s ? s
                    : new StorageException(ErrorSubject.LOGS, ErrorVerb.WRITE, name + ": flush failed: " + cause, cause);
        }
    }

    /** Queues a barrier and waits until it was executed. */
    void execute(WriteCommand.Barrier barrier) {
        submit(barrier, barrier.subject());
        await(barrier.done());
    }

    private void submit(WriteCommand.Append append) {
        try {
            submit(append, ErrorSubject.LOGS);
        } catch (StorageException e) {
            append.reportFlushed(e);
            throw e;
        }
    }

    private void submit(WriteCommand command, ErrorSubject subject) {
        if (WriterPool.onWriterThread()) {
            throw StorageException.defensive(subject, ErrorVerb.WRITE, name
                    + ": a write from a writer thread (inside a LogFlushed callback) would wait for the writers");
        }
        synchronized (submitLock) {
            if (!accepting) {
                throw StorageException.defensive(subject, ErrorVerb.WRITE, name + ": the log storage is closed");
            }
            StorageException f = failure;
            if (f != null) {
                throw failedEarlier(subject, f);
            }
            queue.add(command);
        }
        schedule();
    }

    private static void await(CompletableFuture<Void> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            throw (StorageException) e.getCause();
        }
    }

    /**
     * Stops accepting writes, lets the writer finish the queued ones, and waits until it did (not when called from a
     * writer thread, which could be the one that has to finish them).
     */
    void close() {
        synchronized (submitLock) {
            if (accepting) {
                accepting = false;
                queue.add(new WriteCommand.Shutdown(new CompletableFuture<>()));
            }
        }
        schedule();
        if (WriterPool.onWriterThread() || !started) {
            return;
        }
        boolean interrupted = false;
        while (!exited.isDone()) {
            try {
                exited.get();
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break; // never completed exceptionally
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- writer turns

    /** One turn: up to {@link #COMMANDS_PER_TURN} commands, then another turn is scheduled if work is left. */
    @Override
    public void run() {
        try {
            for (int n = 0; n < COMMANDS_PER_TURN && !exited.isDone(); n++) {
                WriteCommand command = taken != null ? taken : queue.poll();
                taken = null;
                if (command == null) {
                    break;
                }
                if (command instanceof WriteCommand.Append append) {
                    taken = appendBatch(append);
                } else if (!runBarrier((WriteCommand.Barrier) command)) {
                    exited.complete(null);
                }
            }
        } catch (Throwable t) { // a bug: nothing may be left waiting
            die(t);
            exited.complete(null);
        }
        boolean more = taken != null; // read before the next turn may start
        scheduled.set(false);
        if (more || !queue.isEmpty()) {
            schedule();
        }
    }

    /**
     * Takes {@code first} and the appends queued behind it (up to the cap), writes all their records with one
     * {@code partition.appendAll}, releases their callers, flushes, and returns the next command if one was taken.
     */
    private WriteCommand appendBatch(WriteCommand.Append first) {
        List<StoredRecord> records = new ArrayList<>();
        LogId pendingTail = tail;
        long pendingBytes = 0;
        WriteCommand.Append current = first;
        WriteCommand next;
        while (true) {
            if (failure != null) {
                reject(current, failedEarlier(ErrorSubject.LOGS, failure));
            } else {
                List<LogId> ids = current.ids();
                int from = AppendRules.firstUnpurged(ids, state.lastPurged(), name);
                StorageException rejected = AppendRules.checkContinues(ids, from, pendingTail, state.lastPurged(), name);
                if (rejected != null) {
                    reject(current, rejected);
                } else {
                    for (int i = from; i < ids.size(); i++) {
                        byte[] record = current.records().get(i);
                        records.add(new StoredRecord(ids.get(i).index(), record));
                        pendingBytes += record.length;
                        pendingTail = ids.get(i);
                    }
                    batch.add(current);
                }
            }
            next = records.size() >= options.maxBatchEntries() ? null : queue.poll();
            if (!(next instanceof WriteCommand.Append append)) {
                break;
            }
            current = append;
        }
        write(records, pendingTail, pendingBytes);
        flush(records.size());
        return next;
    }

    /** One write for the whole batch; the callers are released once their entries are readable. */
    private void write(List<StoredRecord> records, LogId pendingTail, long bytes) {
        if (!records.isEmpty()) {
            try {
                partition.appendAll(records);
            } catch (RuntimeException e) {
                fail(new StorageException(ErrorSubject.LOGS, ErrorVerb.WRITE, name + ": appending "
                        + records.size() + " entries up to " + pendingTail + " failed: " + e.getMessage(), e));
                List<WriteCommand.Append> failed = takeBatch();
                failed.forEach(append -> reject(append, failure));
                return;
            }
            tail = pendingTail;
        }
        counters.appended(batch.size(), records.size(), bytes);
        batch.forEach(append -> append.readable().complete(null));
    }

    /** One fsync for the batch, then the durable state, then the callbacks in order. */
    private void flush(long entries) {
        if (failure == null && entries > 0) {
            long start = System.nanoTime();
            try {
                partition.sync();
            } catch (RuntimeException e) {
                fail(new StorageException(ErrorSubject.LOGS, ErrorVerb.WRITE,
                        name + ": fsync of " + entries + " appended entries failed: " + e.getMessage(), e));
            }
            long nanos = System.nanoTime() - start;
            counters.synced(nanos, entries);
            if (nanos > options.slowSyncThreshold().toNanos()) {
                log.warn("{}: slow fsync: {} ms for {} entries", name, nanos / 1_000_000, entries);
            }
        }
        if (failure == null) {
            state = state.withLastPresent(tail);
        }
        StorageException error = failure;
        takeBatch().forEach(append -> append.reportFlushed(error));
    }

    /** Empties the batch before its callbacks run, so that nothing is ever reported twice. */
    private List<WriteCommand.Append> takeBatch() {
        List<WriteCommand.Append> taken = new ArrayList<>(batch);
        batch.clear();
        return taken;
    }

    /** Executes a barrier; returns false on shutdown. */
    private boolean runBarrier(WriteCommand.Barrier barrier) {
        if (barrier instanceof WriteCommand.Shutdown shutdown) {
            shutdown.done().complete(null);
            return false;
        }
        ErrorSubject subject = barrier.subject();
        if (failure != null) {
            barrier.done().completeExceptionally(failedEarlier(subject, failure));
            return true;
        }
        if (barrier instanceof WriteCommand.Purge purge) {
            StorageException rejected = AppendRules.checkPurge(purge.upTo(), state.lastPurged(), name);
            if (rejected != null) {
                barrier.done().completeExceptionally(rejected);
                return true;
            }
        }
        try {
            if (barrier instanceof WriteCommand.SaveVote save) {
                saveVote(save.vote());
            } else if (barrier instanceof WriteCommand.Purge purge) {
                purge(purge.upTo());
            } else if (barrier instanceof WriteCommand.Truncate truncate) {
                truncate(truncate.since());
            }
            barrier.done().complete(null);
        } catch (RuntimeException e) {
            fail(new StorageException(subject, ErrorVerb.WRITE, name + ": " + barrier.describe() + " failed: "
                    + e.getMessage(), e));
            barrier.done().completeExceptionally(failure);
        }
        return true;
    }

    private void saveVote(Vote vote) {
        RaftSideFiles.saveVote(partition.directory(), vote);
        state = state.withVote(vote);
        counters.voteSaves++;
        log.debug("{}: saved vote {}", name, vote);
    }

    /** {@code raft_purge.json} first, so that it is never behind the partition (recovery re-purges from it). */
    private void purge(LogId upTo) {
        if (upTo.equals(state.lastPurged())) {
            return;
        }
        RaftSideFiles.savePurge(partition.directory(), upTo);
        partition.purge(upTo.index());
        if (tail != null && Long.compareUnsigned(tail.index(), upTo.index()) <= 0) {
            tail = null;
        }
        state = state.withPurge(upTo, tail);
        counters.purges++;
    }

    private void truncate(LogId since) {
        if (tail == null || Long.compareUnsigned(since.index(), tail.index()) > 0) {
            return; // nothing at or after since
        }
        partition.truncate(since.index());
        tail = partition.lastRecord().map(record -> decoder.decode(record).logId()).orElse(null);
        state = state.withLastPresent(tail);
        counters.truncates++;
    }

    private void fail(StorageException e) {
        synchronized (submitLock) {
            if (failure == null) {
                failure = e;
                log.error("{}: log storage failed; writes are refused until it is reopened", name, e);
            }
        }
    }

    /** The writer is about to stop abnormally: fail whatever is pending or queued. */
    private void die(Throwable t) {
        fail(new StorageException(ErrorSubject.LOGS, ErrorVerb.WRITE, name + ": writer thread stopped: " + t, t));
        StorageException error = failure;
        takeBatch().forEach(append -> reject(append, error));
        WriteCommand command = taken;
        taken = null;
        for (; command != null; command = queue.poll()) {
            if (command instanceof WriteCommand.Append append) {
                reject(append, failedEarlier(ErrorSubject.LOGS, error));
            } else if (command instanceof WriteCommand.Shutdown shutdown) {
                shutdown.done().complete(null);
            } else {
                ((WriteCommand.Barrier) command).done().completeExceptionally(failedEarlier(ErrorSubject.LOGS, error));
            }
        }
    }

    /** Fails an append that wrote nothing (or, after a write error, not all): callback first, then the caller. */
    private static void reject(WriteCommand.Append append, StorageException error) {
        append.reportFlushed(error);
        append.readable().completeExceptionally(error);
    }

    private StorageException failedEarlier(ErrorSubject subject, StorageException original) {
        return new StorageException(subject, ErrorVerb.WRITE, name + ": the log storage failed earlier and refuses "
                + "writes until it is reopened; first failure: " + original.getMessage(), rootOf(original));
    }

    private static Throwable rootOf(StorageException e) {
        return e.getCause() != null ? e.getCause() : e;
    }
}
