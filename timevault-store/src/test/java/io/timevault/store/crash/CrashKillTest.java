package io.timevault.store.crash;

import static io.timevault.store.support.Records.U64_MAX;
import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.store.Partition;
import io.timevault.store.RecoveryReport;
import io.timevault.store.StoredRecord;
import io.timevault.store.TimevaultStore;
import io.timevault.store.support.ChildJvm;
import io.timevault.store.support.DiskInvariants;
import io.timevault.store.support.Stores;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill tests: a child JVM ({@link CrashWriterMain}) appends and syncs in a loop; the parent SIGKILLs it after a
 * random 20–300 ms and then checks the partition: it opens, holds every record synced before the kill, has no hole
 * (keys contiguous from 1) and no garbage (every record is exactly the bytes written for its key). The same
 * directory is reused across kills, so chunks roll and kills hit rolls, index writes and recoveries. Every other
 * check opens the store read-only (repairs in memory only), leaving the on-disk repair to the next child.
 *
 * <p>Iterations: system property {@code timevault.crash.iterations} (default 50; {@code -Ptorture} gives 500).
 * Seed: {@code timevault.crash.seed} (printed).
 */
class CrashKillTest {

    private static final int ITERATIONS = Integer.getInteger("timevault.crash.iterations", 50);

    @TempDir
    Path tmp;

    @Test
    void killedWriterLosesNoSyncedRecordAndLeavesNoHoleOrGarbage() throws Exception {
        long seed = Long.getLong("timevault.crash.seed", System.nanoTime());
        System.out.println("CrashKillTest: " + ITERATIONS + " kills, seed " + seed + " (-Dtimevault.crash.seed)");
        Random rnd = new Random(seed);
        Path root = tmp.resolve("store");
        long synced = 0;
        long verified = 0;
        Map<String, Integer> repairs = new TreeMap<>();
        int killsWithoutSync = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            Path err = tmp.resolve("child-" + i + ".err");
            try (ChildJvm child = ChildJvm.start(CrashWriterMain.class, err, root.toString(), Long.toString(rnd.nextLong()))) {
                String ready = child.nextLine(60, TimeUnit.SECONDS);
                assertThat(ready).as("child %d started; stderr:\n%s", i, child.stderr()).startsWith("ready ");
                assertThat(Long.parseLong(ready.substring(6)))
                        .as("the child's recovered next key (iteration %d)", i).isGreaterThan(synced);
                Thread.sleep(20 + rnd.nextInt(281));
                child.kill();
                List<String> out = child.output();
                long before = synced;
                for (String line : out) {
                    if (line.startsWith("synced ")) {
                        synced = Math.max(synced, Long.parseLong(line.substring(7)));
                    }
                }
                if (synced == before) {
                    killsWithoutSync++;
                }
                assertThat(child.stderr()).as("child %d stderr", i).doesNotContain("Exception");
            }
            boolean readOnly = i % 2 == 1;
            try (TimevaultStore store = readOnly ? Stores.openReadOnly(root) : Stores.open(root)) {
                Partition p = store.openPartition(CrashWriterMain.ID);
                RecoveryReport report = p.recoveryReport();
                report.repairs().forEach(r -> repairs.merge(r.kind().name(), 1, Integer::sum));
                long last = p.lastRecord().map(StoredRecord::key).orElse(0L);
                assertThat(last).as("iteration %d: last key vs last synced key %d (%s)", i, synced, report)
                        .isGreaterThanOrEqualTo(synced);
                boolean full = i % 10 == 9 || i == ITERATIONS - 1;
                long from = full ? 0 : Math.max(0, verified - 100);
                List<StoredRecord> records = p.readRange(from, U64_MAX);
                long expect = Math.max(1, from);
                for (StoredRecord r : records) {
                    assertThat(r.key()).as("iteration %d: no hole", i).isEqualTo(expect);
                    assertThat(r.bytes()).as("iteration %d: record %d intact", i, expect)
                            .isEqualTo(CrashWriterMain.record(expect));
                    expect++;
                }
                assertThat(expect - 1).as("iteration %d: records end at the last record", i).isEqualTo(last);
                verified = last;
                if (!readOnly) {
                    DiskInvariants.check(p.directory());
                }
            }
        }
        System.out.println("CrashKillTest: " + ITERATIONS + " kills, " + verified + " records, " + killsWithoutSync
                + " kills before the first sync of a run; repairs seen: " + repairs);
        assertThat(verified).isGreaterThanOrEqualTo(synced);
    }
}
