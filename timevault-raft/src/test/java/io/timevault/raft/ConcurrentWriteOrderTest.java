package io.timevault.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sixteen threads write concurrently: appends, votes and purges. A lock only fixes the order in which the calls are
 * made (and records it in a model); appends return once readable and their threads wait for the durability
 * callback outside the lock, so later calls are made while earlier appends are still in flight. Every effect must
 * follow call order: contents, callbacks, barriers (a vote or purge returns only after earlier appends are
 * durable), and the state after reopening.
 */
class ConcurrentWriteOrderTest {

    private static final int THREADS = 16;
    private static final int CALLS_PER_THREAD = 25;

    @TempDir
    Path root;

    private final Object callOrder = new Object();
    // The model, guarded by callOrder.
    private final List<Entry<String>> model = new ArrayList<>();
    private LogId modelPurged;
    private Vote modelVote;
    private long term = 1;
    // Callback completions, in the order the storage reported them.
    private final List<Long> flushedLastIndexes = Collections.synchronizedList(new ArrayList<>());
    private volatile long flushedHighWater = -1;
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    @Test
    void sixteenThreadsWritesTakeEffectInCallOrder() throws Exception {
        TestLog opened = TestLog.open(root);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                runWorker(opened.storage, thread);
                return null;
            }));
        }
        try {
            for (Future<?> worker : workers) {
                worker.get(2, TimeUnit.MINUTES);
            }
            assertThat(violations).isEmpty();
            assertThat(flushedLastIndexes).isSorted().doesNotHaveDuplicates();
            assertMatchesModel(opened.storage);
        } finally {
            pool.shutdownNow();
            opened.close();
        }

        try (TestLog reopened = TestLog.open(root)) {
            assertMatchesModel(reopened.storage);
        }
    }

    private void runWorker(TimevaultLogStorage<String> storage, int thread) throws Exception {
        Random random = new Random(thread);
        for (int call = 0; call < CALLS_PER_THREAD; call++) {
            int dice = random.nextInt(100);
            CompletableFuture<Void> flushed = null;
            synchronized (callOrder) {
                long appendedBefore = model.isEmpty() ? -1 : model.get(model.size() - 1).index();
                if (dice < 80) {
                    flushed = appendNext(storage, thread, call, 1 + random.nextInt(3));
                } else if (dice < 95) {
                    Vote vote = Vote.of(++term, thread);
                    storage.saveVote(vote);
                    modelVote = vote;
                    checkBarrierFlushed("saveVote", appendedBefore);
                } else if (!model.isEmpty()) {
                    LogId upTo = model.get(model.size() / 2).logId();
                    if (LogId.NULLS_FIRST.compare(upTo, modelPurged) > 0) {
                        storage.purge(upTo);
                        modelPurged = upTo;
                        model.removeIf(e -> e.index() <= upTo.index());
                        checkBarrierFlushed("purge", appendedBefore);
                    }
                }
            }
            if (flushed != null) {
                flushed.get(30, TimeUnit.SECONDS);
            }
        }
    }

    private CompletableFuture<Void> appendNext(TimevaultLogStorage<String> storage, int thread, int call, int count) {
        long next = model.isEmpty() ? LogId.nextIndex(modelPurged) : model.get(model.size() - 1).index() + 1;
        List<Entry<String>> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(Entry.normal(LogId.of(term, 0, next + i), "t" + thread + "-c" + call + "-" + i));
        }
        long last = next + count - 1;
        CompletableFuture<Void> flushed = new CompletableFuture<>();
        storage.append(entries, error -> {
            if (error != null) {
                violations.add("append up to " + last + " failed: " + error);
            }
            flushedLastIndexes.add(last);
            flushedHighWater = last;
            flushed.complete(null);
        });
        // Readable on return, by any reader.
        if (storage.getLogReader().tryGetLogEntries(next, last + 1).size() != count) {
            violations.add("entries " + next + ".." + last + " not readable when append returned");
        }
        model.addAll(entries);
        return flushed;
    }

    /** A barrier makes every earlier append durable (its callback done) before it returns. */
    private void checkBarrierFlushed(String what, long appendedBefore) {
        if (appendedBefore >= 0 && flushedHighWater < appendedBefore) {
            violations.add(what + " returned before the append up to " + appendedBefore + " was flushed");
        }
    }

    private void assertMatchesModel(TimevaultLogStorage<String> storage) {
        synchronized (callOrder) {
            LogId last = model.isEmpty() ? modelPurged : model.get(model.size() - 1).logId();
            assertThat(storage.getLogState()).isEqualTo(new LogState(modelPurged, last));
            assertThat(storage.readVote()).isEqualTo(java.util.Optional.ofNullable(modelVote));
            assertThat(storage.tryGetLogEntries(0, RaftLogReader.UNBOUNDED)).containsExactlyElementsOf(model);
        }
    }
}
