package io.timevault.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.timevault.store.PartitionClosedException;
import io.timevault.store.PartitionConfig;
import io.timevault.store.StorageIOException;
import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer thread: rejected calls, sticky failure, group commit, callbacks, close, status and metrics. */
class TimevaultLogStorageWriterTest {

    @TempDir
    Path root;

    private TestLog log;

    @BeforeEach
    void open() {
        log = TestLog.open(root);
    }

    @AfterEach
    void close() {
        log.close();
    }

    @Test
    void appendThatWouldLeaveAHoleIsRejectedAndTheStorageStaysUsable() {
        append(1, 0, 1, 2);
        List<IOException> outcomes = new CopyOnWriteArrayList<>();
        assertThatExceptionOfType(StorageException.class)
                .isThrownBy(() -> log.storage.append(List.of(blank(1, 4)), outcomes::add))
                .withMessageContaining("hole")
                .satisfies(e -> assertThat(e.defensive()).isTrue())
                .satisfies(e -> assertThat(e.subject()).isEqualTo(new ErrorSubject.Log(LogId.of(1, 0, 4))));
        assertThat(outcomes).singleElement().isNotNull();
        assertThat(log.storage.status().writerState()).isEqualTo(WriterState.RUNNING);
        append(1, 3);
        assertThat(log.storage.getLogState().lastLogId()).isEqualTo(LogId.of(1, 0, 3));
    }

    @Test
    void appendOverAnExistingEntryIsRejectedWithoutWriting() {
        append(1, 0, 1, 2);
        assertThatExceptionOfType(StorageException.class)
                .isThrownBy(() -> log.storage.blockingAppend(List.of(blank(2, 2))))
                .withMessageContaining("overwrite");
        assertThat(log.storage.getLogId(2)).isEqualTo(LogId.of(1, 0, 2));
    }

    @Test
    void appendWithADecreasingLeaderIdIsRejected() {
        append(3, 0, 1);
        assertThatExceptionOfType(StorageException.class)
                .isThrownBy(() -> log.storage.blockingAppend(List.of(blank(2, 2))))
                .withMessageContaining("must not decrease");
    }

    @Test
    void failedVoteWriteKeepsThePreviousVoteAndLaterWritesFailFastWithTheOriginalCause() throws IOException {
        log.storage.saveVote(Vote.of(1, 0));
        append(1, 0, 1);
        // A non-empty directory where raft_vote.json should go makes the atomic rename fail.
        Path vote = log.directory().resolve("raft_vote.json");
        Files.delete(vote);
        Files.createDirectories(vote.resolve("blocker"));

        assertThatExceptionOfType(StorageException.class).isThrownBy(() -> log.storage.saveVote(Vote.of(2, 0)))
                .withCauseInstanceOf(StorageIOException.class)
                .satisfies(e -> assertThat(e.subject()).isEqualTo(ErrorSubject.VOTE));
        LogStorageStatus status = log.storage.status();
        assertThat(status.writerState()).isEqualTo(WriterState.FAILED);
        assertThat(status.healthy()).isFalse();
        assertThat(status.failureCause()).isInstanceOf(StorageIOException.class);
        assertThat(log.storage.readVote()).contains(Vote.of(1, 0));

        List<IOException> outcomes = new CopyOnWriteArrayList<>();
        assertThatExceptionOfType(StorageException.class)
                .isThrownBy(() -> log.storage.append(List.of(blank(1, 2)), outcomes::add))
                .withMessageContaining("failed earlier")
                .satisfies(e -> assertThat(e.getCause()).isSameAs(status.failureCause()));
        assertThat(outcomes).singleElement().isNotNull();
        assertThatExceptionOfType(StorageException.class).isThrownBy(() -> log.storage.purge(LogId.of(1, 0, 0)))
                .satisfies(e -> assertThat(e.getCause()).isSameAs(status.failureCause()));
        assertThat(log.storage.getLogState().lastLogId()).isEqualTo(LogId.of(1, 0, 1));
        assertThat(log.storage.tryGetLogEntries(0, 10)).hasSize(2);
    }

    @Test
    void appendToAClosedPartitionFailsTheStorageAndReportsThroughTheCallback() {
        append(1, 0);
        log.partition.close();
        List<IOException> outcomes = new CopyOnWriteArrayList<>();
        assertThatExceptionOfType(StorageException.class)
                .isThrownBy(() -> log.storage.append(List.of(blank(1, 1)), outcomes::add))
                .withCauseInstanceOf(PartitionClosedException.class);
        assertThat(outcomes).singleElement().isNotNull();
        assertThat(log.storage.status().writerState()).isEqualTo(WriterState.FAILED);
        assertThat(log.storage.status().failureCause()).isInstanceOf(PartitionClosedException.class);
        assertThat(log.storage.getLogState().lastLogId()).isEqualTo(LogId.of(1, 0, 0));
    }

    /** Eleven appends, two fsyncs: the ten queued while the writer was busy share one. */
    @Test
    void appendsQueuedWhileTheWriterIsBusyShareOneFsync() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = new CompletableFuture<>();
        log.storage.append(List.of(blank(1, 0)), error -> {
            awaitQuietly(release); // holds the writer thread inside the first batch's callbacks
            first.complete(null);
        });
        List<Thread> appenders = new ArrayList<>();
        List<CompletableFuture<Void>> flushed = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            flushed.add(done);
            long index = i;
            Thread t = new Thread(() -> log.storage.append(List.of(blank(1, index)), LogFlushed.completing(done)));
            t.start();
            appenders.add(t);
            waitUntil(() -> log.storage.metrics().queueDepth() == index);
        }
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (CompletableFuture<Void> done : flushed) {
            done.get(10, TimeUnit.SECONDS);
        }
        for (Thread t : appenders) {
            t.join();
        }
        LogStorageMetrics metrics = log.storage.metrics();
        assertThat(metrics.appendCalls()).isEqualTo(11);
        assertThat(metrics.syncs()).isEqualTo(2);
        assertThat(metrics.lastBatchEntries()).isEqualTo(10);
        assertThat(metrics.queueDepth()).isZero();
        assertThat(log.storage.getLogState().lastLogId()).isEqualTo(LogId.of(1, 0, 10));
    }

    @Test
    void writeFromInsideACallbackIsRejectedInsteadOfWaitingForItself() throws Exception {
        CompletableFuture<Throwable> inner = new CompletableFuture<>();
        log.storage.append(List.of(blank(1, 0)), error -> {
            try {
                log.storage.saveVote(Vote.of(1, 0));
                inner.complete(null);
            } catch (StorageException e) {
                inner.complete(e);
            }
        });
        assertThat(inner.get(10, TimeUnit.SECONDS)).isInstanceOf(StorageException.class)
                .hasMessageContaining("writer thread");
        assertThat(log.storage.status().writerState()).isEqualTo(WriterState.RUNNING);
    }

    @Test
    void callbackThatThrowsDoesNotStopTheWriter() {
        log.storage.append(List.of(blank(1, 0)), error -> {
            throw new IllegalStateException("callback bug");
        });
        append(1, 1);
        assertThat(log.storage.getLogState().lastLogId()).isEqualTo(LogId.of(1, 0, 1));
        assertThat(log.storage.status().writerState()).isEqualTo(WriterState.RUNNING);
    }

    @Test
    void entryThatDoesNotEncodeIsRejectedThroughExceptionAndCallback() throws IOException {
        try (TimevaultStore store = TimevaultStore.open(root.resolve("other"), StoreOptions.DEFAULTS)) {
            JacksonFormatPlugin<Object> codec = JacksonFormatPlugin.forType(Object.class);
            try (TimevaultLogStorage<Object> storage = TimevaultLogStorage.open(
                    store.openOrCreatePartition(UUID.randomUUID(), PartitionConfig.defaults()), codec)) {
                List<IOException> outcomes = new CopyOnWriteArrayList<>();
                Object unserializable = new Object() {
                    @SuppressWarnings("unused")
                    public String getX() {
                        throw new IllegalStateException("no");
                    }
                };
                assertThatExceptionOfType(StorageException.class).isThrownBy(
                        () -> storage.append(List.of(Entry.normal(LogId.of(1, 0, 0), unserializable)), outcomes::add))
                        .satisfies(e -> assertThat(e.defensive()).isTrue());
                assertThat(outcomes).singleElement().isNotNull();
                assertThat(storage.status().writerState()).isEqualTo(WriterState.RUNNING);
            }
        }
    }

    @Test
    void partitionOfAnotherFormatIsRefused() {
        try (TimevaultStore store = TimevaultStore.open(root.resolve("other"), StoreOptions.DEFAULTS)) {
            var partition = store.createPartition(UUID.randomUUID(), PartitionConfig.defaults().withFormatPlugin("jsonl_struct"));
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> TimevaultLogStorage.open(partition, TestLog.CODEC))
                    .withMessageContaining("jsonl_struct");
        }
    }

    @Test
    void readsAndWritesAfterCloseFailAndCloseIsIdempotent() {
        append(1, 0);
        log.storage.close();
        log.storage.close();
        assertThat(log.storage.status().writerState()).isEqualTo(WriterState.CLOSED);
        assertThatExceptionOfType(StorageException.class).isThrownBy(() -> append(1, 1)).withMessageContaining("closed");
        assertThatExceptionOfType(StorageException.class).isThrownBy(() -> log.storage.saveVote(Vote.of(1, 0)));
        assertThatExceptionOfType(StorageException.class).isThrownBy(() -> log.storage.tryGetLogEntries(0, 1));
        assertThatExceptionOfType(StorageException.class).isThrownBy(() -> log.storage.getLogState());
        assertThat(log.storage.status().lastLogId()).isEqualTo(LogId.of(1, 0, 0));
    }

    @Test
    void metricsCountAppendsBytesSyncsVotesPurgesAndTruncates() {
        append(1, 0, 1, 2);
        append(1, 3);
        log.storage.saveVote(Vote.of(1, 0));
        log.storage.purge(LogId.of(1, 0, 0));
        log.storage.truncate(LogId.of(1, 0, 3));
        LogStorageMetrics metrics = log.storage.metrics();
        long bytes = 0;
        for (long i = 0; i <= 3; i++) {
            bytes += TestLog.CODEC.encode(blank(1, i)).length;
        }
        assertThat(metrics.appendCalls()).isEqualTo(2);
        assertThat(metrics.appendedEntries()).isEqualTo(4);
        assertThat(metrics.appendedBytes()).isEqualTo(bytes);
        assertThat(metrics.syncs()).isEqualTo(2);
        assertThat(metrics.syncNanosTotal()).isPositive().isGreaterThanOrEqualTo(metrics.syncNanosMax());
        assertThat(metrics.lastBatchEntries()).isEqualTo(1);
        assertThat(metrics.voteSaves()).isEqualTo(1);
        assertThat(metrics.purges()).isEqualTo(1);
        assertThat(metrics.truncates()).isEqualTo(1);
    }

    @Test
    void statusReportsRecoveryLogIdsVoteAndWriterState() {
        append(2, 0, 1, 2);
        log.storage.purge(LogId.of(2, 0, 0));
        log.storage.saveVote(Vote.committed(2, 0));
        LogStorageStatus status = log.storage.status();
        assertThat(status.partitionId()).isEqualTo(TestLog.PARTITION_ID);
        assertThat(status.directory()).isEqualTo(log.directory()).isEqualTo(log.storage.directory());
        assertThat(status.recovery().kind()).isEqualTo(RecoveryOutcome.Kind.CLEAN);
        assertThat(status.recovery().storeReport().clean()).isTrue();
        assertThat(status.lastLog()).contains(LogId.of(2, 0, 2));
        assertThat(status.lastPurged()).contains(LogId.of(2, 0, 0));
        assertThat(status.currentVote()).contains(Vote.committed(2, 0));
        assertThat(status.writerState()).isEqualTo(WriterState.RUNNING);
        assertThat(status.failure()).isEmpty();
    }

    private void append(long term, long... indexes) {
        List<Entry<String>> entries = new ArrayList<>();
        for (long i : indexes) {
            entries.add(blank(term, i));
        }
        log.storage.blockingAppend(entries);
    }

    private static Entry<String> blank(long term, long index) {
        return Entry.blank(LogId.of(term, 0, index));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 10 s");
            }
            Thread.sleep(1);
        }
    }
}
