package io.timevault.store.read;

import static io.timevault.store.support.Records.U64_MAX;
import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.store.Partition;
import io.timevault.store.StoredRecord;
import io.timevault.store.TimevaultStore;
import io.timevault.store.support.DiskInvariants;
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
 * Readers and a syncing thread racing a writer that appends, syncs, rolls (hundreds of chunks, more than the engine
 * keeps open), purges and truncates: every read and every sync succeeds, each read returns one consistent snapshot —
 * ascending, contiguous keys (the writer only ever has contiguous keys) inside the asked range, each record
 * byte-exact — and the partition reopens clean with the same records.
 */
class ConcurrentReadTest {

    private static final UUID ID = UUID.fromString("c0c0c0c0-0000-4000-8000-000000000001");
    private static final int RECORDS = Integer.getInteger("timevault.concurrent.records", 4_000);

    @TempDir
    Path root;

    static byte[] record(long k) {
        return Records.utf8("{\"k\":" + k + ",\"timestamp\":" + k + "}\n");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void readsDuringAppendsRollsPurgesAndTruncatesSeeConsistentSnapshots() throws Exception {
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.createPartition(ID, Stores.fixture(500, 4));
            AtomicLong next = new AtomicLong(1);
            AtomicBoolean done = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(5);
            Future<Long> syncer = pool.submit(() -> {
                long syncs = 0;
                while (!done.get()) {
                    p.sync();
                    syncs++;
                    Thread.sleep(2);
                }
                return syncs;
            });
            Future<?> writer = pool.submit(() -> {
                long k = 1;
                long ops = 0;
                try {
                    while (k <= RECORDS) {
                        p.append(k, record(k));
                        next.set(++k);
                        ops++;
                        if (ops % 97 == 0) {
                            p.sync();
                        }
                        if (ops % 700 == 0 && k > 1_500) {
                            p.purge(k - 1_500);
                        }
                        if (ops % 1_000 == 0) {
                            p.truncate(k - 25);
                            k -= 25;
                            next.set(k);
                        }
                    }
                } finally {
                    done.set(true);
                }
                return null;
            });
            List<Future<Long>> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                readers.add(pool.submit(() -> {
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    long reads = 0;
                    while (!done.get()) {
                        long hi = next.get();
                        long from = 1 + rnd.nextLong(hi);
                        long to = rnd.nextInt(50) == 0 ? U64_MAX : from + rnd.nextInt(300);
                        List<StoredRecord> got = p.readRange(from, to);
                        long expect = got.isEmpty() ? 0 : got.get(0).key();
                        for (StoredRecord rec : got) {
                            // plain checks: AssertJ per record would starve the writer of CPU
                            if (rec.key() != expect || rec.key() < from || Long.compareUnsigned(rec.key(), to) > 0
                                    || !java.util.Arrays.equals(rec.bytes(), record(expect))) {
                                throw new AssertionError("readRange(" + from + ", " + Long.toUnsignedString(to)
                                        + ") returned " + rec + " where key " + expect + " was expected: " + got);
                            }
                            expect++;
                        }
                        if (++reads % 16 == 0) {
                            Thread.sleep(1);
                        }
                    }
                    return reads;
                }));
            }
            writer.get();
            assertThat(syncer.get()).isPositive();
            long reads = 0;
            for (Future<Long> f : readers) {
                reads += f.get();
            }
            pool.shutdown();
            assertThat(reads).isPositive();
            List<StoredRecord> all = p.readRange(0, U64_MAX);
            assertThat(all.get(all.size() - 1).key()).isEqualTo(RECORDS);
            assertThat(all.get(0).key()).isEqualTo(all.get(all.size() - 1).key() - all.size() + 1);
            assertThat(p.stats().chunks()).isGreaterThan(100);
            store.close();
            try (TimevaultStore reopened = Stores.open(root)) {
                Partition q = reopened.openPartition(ID);
                assertThat(q.recoveryReport().clean()).as("%s", q.recoveryReport()).isTrue();
                assertThat(q.readRange(0, U64_MAX)).isEqualTo(all);
                DiskInvariants.check(q.directory());
            }
        }
    }
}
