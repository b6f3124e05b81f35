package io.timevault.store.spec;

import static io.timevault.store.support.Records.U64_MAX;
import static io.timevault.store.support.Records.keys;
import static io.timevault.store.support.Records.range;
import static io.timevault.store.support.Records.rec;
import static io.timevault.store.support.Stores.SPEC_ID;
import static io.timevault.store.support.Stores.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.timevault.store.InvalidRecordException;
import io.timevault.store.OutOfOrderAppendException;
import io.timevault.store.Partition;
import io.timevault.store.StoredRecord;
import io.timevault.store.TimevaultStore;
import io.timevault.store.support.Files2;
import io.timevault.store.support.Golden;
import io.timevault.store.support.Records;
import io.timevault.store.support.Stores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Partition.appendAll}: a batch behaves exactly like the same records appended one by one (bytes, rolls,
 * index cadence, dedup), and a batch with any invalid or out-of-order record writes nothing at all.
 */
class AppendAllTest {

    @TempDir
    Path root;

    private static List<StoredRecord> batch(long from, long to) {
        List<StoredRecord> out = new ArrayList<>();
        for (long k = from; k <= to; k++) {
            out.add(new StoredRecord(k, rec(k)));
        }
        return out;
    }

    @Test
    void batchAcrossARollWritesTheSpecsRollExampleBytes() {
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.createPartition(SPEC_ID, fixture(150, 2));
            assertThat(p.appendAll(batch(1, 10))).containsExactly(0, 28, 56, 84, 112, 0, 28, 56, 84, 112);
            p.sync();
            Golden.assertTreeMatches("roll-150-2", p.directory());
        }
    }

    @Test
    void batchesOfEverySizeMatchOneByOneAppends() {
        Path single = root.resolve("single");
        Stores.written(single, SPEC_ID, fixture(200, 3), 1, 60);
        for (int size : new int[] {2, 7, 60}) {
            Path batched = root.resolve("batched-" + size);
            try (TimevaultStore store = Stores.open(batched)) {
                Partition p = store.createPartition(SPEC_ID, fixture(200, 3));
                for (long k = 1; k <= 60; k += size) {
                    p.appendAll(batch(k, Math.min(60, k + size - 1)));
                }
            }
            assertThat(Files2.snapshot(batched.resolve("partitions"))).as("batches of %d", size)
                    .isEqualTo(Files2.snapshot(single.resolve("partitions")));
        }
    }

    @Test
    void outOfOrderRecordInsideABatchWritesNothing() {
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.createPartition(SPEC_ID, fixture(150, 2));
            p.appendAll(batch(1, 3));
            Map<String, String> before = Files2.snapshot(p.directory());
            List<StoredRecord> bad = new ArrayList<>(batch(4, 8));
            bad.add(3, new StoredRecord(2, rec(2)));
            assertThatExceptionOfType(OutOfOrderAppendException.class).isThrownBy(() -> p.appendAll(bad))
                    .satisfies(e -> assertThat(e.key()).isEqualTo(2));
            assertThat(Files2.snapshot(p.directory())).isEqualTo(before);
            assertThat(keys(p.readRange(0, U64_MAX))).isEqualTo(range(1, 3));
            assertThat(p.stats().appends()).isEqualTo(3);
        }
    }

    @Test
    void invalidRecordInsideABatchWritesNothing() {
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.createPartition(SPEC_ID, fixture(150, 2));
            p.appendAll(batch(1, 3));
            Map<String, String> before = Files2.snapshot(p.directory());
            List<StoredRecord> bad = new ArrayList<>(batch(4, 8));
            bad.set(2, new StoredRecord(6, rec(7)));
            assertThatExceptionOfType(InvalidRecordException.class).isThrownBy(() -> p.appendAll(bad));
            assertThat(Files2.snapshot(p.directory())).isEqualTo(before);
            assertThat(keys(p.readRange(0, U64_MAX))).isEqualTo(range(1, 3));
        }
    }

    @Test
    void batchStartingAtOrBelowThePurgePointWritesNothing() {
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.createPartition(SPEC_ID, fixture(150, 2));
            p.appendAll(batch(1, 3));
            p.purge(5);
            assertThatExceptionOfType(OutOfOrderAppendException.class).isThrownBy(() -> p.appendAll(batch(5, 7)));
            assertThat(p.readRange(0, U64_MAX)).isEmpty();
            p.appendAll(batch(6, 7));
            assertThat(keys(p.readRange(0, U64_MAX))).containsExactly(6L, 7L);
        }
    }

    @Test
    void identicalRepeatsInsideABatchAreSkippedAndOtherDuplicatesKept() {
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.createPartition(SPEC_ID, fixture(150, 2));
            p.append(1, rec(1));
            byte[] other = Records.withPayload(2, "other");
            p.appendAll(List.of(new StoredRecord(1, rec(1)), new StoredRecord(2, rec(2)), new StoredRecord(2, rec(2)),
                    new StoredRecord(2, other), new StoredRecord(3, rec(3))));
            assertThat(p.readRange(0, U64_MAX)).containsExactly(new StoredRecord(1, rec(1)), new StoredRecord(2, rec(2)),
                    new StoredRecord(2, other), new StoredRecord(3, rec(3)));
            assertThat(p.stats().appends()).isEqualTo(4);
        }
    }

    @Test
    void emptyBatchWritesNothing() {
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.createPartition(SPEC_ID, fixture(150, 2));
            assertThat(p.appendAll(List.of())).isEmpty();
            assertThat(p.readRange(0, U64_MAX)).isEmpty();
            assertThat(p.directory().resolve("manifest.jsonl")).isEmptyFile();
        }
    }
}
