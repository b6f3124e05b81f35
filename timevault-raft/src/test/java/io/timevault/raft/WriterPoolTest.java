package io.timevault.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.store.PartitionConfig;
import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many logs share the {@link WriterPool}: threads do not grow with the number of logs, and every log still writes. */
class WriterPoolTest {

    private static final int LOGS = 40;

    @TempDir
    Path root;

    @Test
    void fortyLogsAppendingAtOnceUseAtMostThePoolsThreadsAndEachKeepsItsOrder() throws Exception {
        try (TimevaultStore store = TimevaultStore.open(root, StoreOptions.DEFAULTS)) {
            List<TimevaultLogStorage<String>> logs = new ArrayList<>();
            for (int i = 0; i < LOGS; i++) {
                logs.add(TimevaultLogStorage.open(store.openOrCreatePartition(new UUID(13, i), PartitionConfig.defaults()),
                        TestLog.CODEC));
            }
            List<CompletableFuture<Void>> flushed = new ArrayList<>();
            for (long index = 0; index < 20; index++) {
                for (TimevaultLogStorage<String> log : logs) {
                    CompletableFuture<Void> done = new CompletableFuture<>();
                    log.append(List.of(Entry.normal(LogId.of(1, 0, index), "v" + index)), LogFlushed.completing(done));
                    flushed.add(done);
                }
            }
            int writerThreads = writerThreads();
            for (CompletableFuture<Void> done : flushed) {
                done.get(60, TimeUnit.SECONDS);
            }
            writerThreads = Math.max(writerThreads, writerThreads());
            for (TimevaultLogStorage<String> log : logs) {
                assertThat(log.getLogState().lastLogId()).isEqualTo(LogId.of(1, 0, 19));
                assertThat(log.tryGetLogEntries(0, 20)).extracting(e -> ((EntryPayload.Normal<String>) e.payload()).data())
                        .containsExactly(expected());
                log.close();
            }
            assertThat(writerThreads).isBetween(1, WriterPool.THREADS);
        }
    }

    private static String[] expected() {
        String[] values = new String[20];
        for (int i = 0; i < values.length; i++) {
            values[i] = "v" + i;
        }
        return values;
    }

    private static int writerThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("timevault-raft-writer-")).count();
    }
}
