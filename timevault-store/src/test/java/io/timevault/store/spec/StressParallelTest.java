package io.timevault.store.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.store.Partition;
import io.timevault.store.PartitionConfig;
import io.timevault.store.StoredRecord;
import io.timevault.store.TimevaultStore;
import io.timevault.store.support.Records;
import io.timevault.store.support.Stores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec §6.9 (stress_parallel_tests.rs): 4 {@code jsonl_struct} partitions, in-order appends (keys
 * {@code p × 1 000 000 + i}) concurrently with range reads. Scaled down from 250 000 to
 * {@code timevault.stress.appends} (default 25 000) appends per partition. Unlike Rust, whose reads may fail under
 * concurrent appends and are ignored, ours must succeed and return exactly the records in range, in order.
 */
class StressParallelTest {

    private static final int PARTITIONS = 4;
    private static final int APPENDS = Integer.getInteger("timevault.stress.appends", 25_000);

    @TempDir
    Path root;

    /** The jsonl_struct encoder of §2.4.2: the payload object with "timestamp" inserted, keys sorted. */
    static byte[] structRecord(long key, int i) {
        return Records.utf8("{\"a\":" + i + ",\"b\":\"p" + (key / 1_000_000) + "\",\"timestamp\":" + key + "}\n");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void concurrentAppendsAndRangeReadsOnFourJsonlStructPartitions() throws Exception {
        try (TimevaultStore store = Stores.open(root)) {
            List<Partition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(store.createPartition(UUID.randomUUID(), PartitionConfig.defaults()
                        .withFormatPlugin("jsonl_struct").withIndex(128, 24)));
            }
            ExecutorService pool = Executors.newFixedThreadPool(PARTITIONS * 2);
            AtomicBoolean done = new AtomicBoolean();
            AtomicLong reads = new AtomicLong();
            List<Future<?>> writers = new ArrayList<>();
            List<Future<?>> readers = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                Partition part = partitions.get(p);
                long base = (p + 1) * 1_000_000L;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < APPENDS; i++) {
                        part.append(base + i, structRecord(base + i, i));
                        if (i % 5_000 == 4_999) {
                            part.sync();
                        }
                    }
                    return null;
                }));
                readers.add(pool.submit(() -> {
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    while (!done.get()) {
                        long from = base + rnd.nextInt(APPENDS);
                        long to = from + rnd.nextInt(300);
                        List<StoredRecord> got = part.readRange(from, to);
                        long expect = from;
                        for (StoredRecord r : got) {
                            assertThat(r.key()).isEqualTo(expect);
                            assertThat(r.bytes()).isEqualTo(structRecord(expect, (int) (expect - base)));
                            expect++;
                        }
                        assertThat(expect).isLessThanOrEqualTo(to + 1);
                        reads.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> w : writers) {
                w.get();
            }
            done.set(true);
            for (Future<?> r : readers) {
                r.get();
            }
            pool.shutdown();
            for (int p = 0; p < PARTITIONS; p++) {
                Partition part = partitions.get(p);
                long base = (p + 1) * 1_000_000L;
                assertThat(part.stats().appends()).isEqualTo(APPENDS);
                List<StoredRecord> all = part.readRange(0, Records.U64_MAX);
                assertThat(all).hasSize(APPENDS);
                assertThat(all.get(APPENDS - 1).key()).isEqualTo(base + APPENDS - 1);
            }
            assertThat(reads.get()).isPositive();
        }
    }
}
