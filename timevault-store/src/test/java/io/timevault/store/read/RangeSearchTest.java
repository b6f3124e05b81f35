package io.timevault.store.read;

import static io.timevault.store.support.Records.U64_MAX;
import static io.timevault.store.support.Records.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.timevault.store.InvalidRangeException;
import io.timevault.store.Partition;
import io.timevault.store.StoredRecord;
import io.timevault.store.TimevaultStore;
import io.timevault.store.support.Layout;
import io.timevault.store.support.Stores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Binary search over many chunks and blocks: keys with gaps and duplicates (equal keys straddling block
 * boundaries), and ranges starting and ending at every key, every gap and every block and chunk boundary (±1),
 * checked against a plain filter of what was appended — live (pending blocks in memory), after sync, after a
 * reopen (closed chunks' indexes loaded lazily), read-only, and after a purge inside a chunk.
 */
class RangeSearchTest {

    private static final UUID ID = UUID.fromString("5ea4c400-0000-4000-8000-000000000b5e");
    private static final Pattern NUMBER = Pattern.compile("\"(?:chunk_id|min_order_key|max_order_key|block_min_key|block_max_key)\":(\\d+)");

    @TempDir
    Path root;

    private final List<StoredRecord> written = new ArrayList<>();

    private List<StoredRecord> expected(long from, long to, Long purged) {
        List<StoredRecord> out = new ArrayList<>();
        for (StoredRecord r : written) {
            if (Long.compareUnsigned(r.key(), from) >= 0 && Long.compareUnsigned(r.key(), to) <= 0
                    && (purged == null || Long.compareUnsigned(r.key(), purged) > 0)) {
                out.add(r);
            }
        }
        return out;
    }

    private void appendAll(Partition p, long seed) {
        Random rnd = new Random(seed);
        long key = 10;
        int[] gaps = {0, 1, 1, 2, 5, 17, 100};
        for (int i = 0; i < 400; i++) {
            key += gaps[rnd.nextInt(gaps.length)];
            byte[] rec = utf8("{\"i\":" + i + ",\"pad\":\"" + "x".repeat(rnd.nextInt(30)) + "\",\"timestamp\":" + key + "}\n");
            p.append(key, rec);
            written.add(new StoredRecord(key, rec));
        }
    }

    /** Every key, key±1, and every number in the manifest and index files (block and chunk bounds), ±1. */
    private TreeSet<Long> points(Path dir) {
        TreeSet<Long> pts = new TreeSet<>(Long::compareUnsigned);
        pts.addAll(List.of(0L, 1L, U64_MAX - 1, U64_MAX));
        for (StoredRecord r : written) {
            pts.add(r.key() - 1);
            pts.add(r.key());
            pts.add(r.key() + 1);
        }
        List<String> texts = new ArrayList<>(List.of(Layout.readText(Layout.manifest(dir))));
        for (String name : Layout.chunkDirFiles(dir)) {
            if (name.endsWith(".index")) {
                texts.add(Layout.readText(dir.resolve("chunks").resolve(name)));
            }
        }
        for (String t : texts) {
            Matcher m = NUMBER.matcher(t);
            while (m.find()) {
                long v = Long.parseLong(m.group(1));
                pts.add(v - 1);
                pts.add(v);
                pts.add(v + 1);
            }
        }
        return pts;
    }

    private int checkAllRanges(Partition p, TreeSet<Long> pts, Long purged, long seed) {
        Long[] a = pts.toArray(Long[]::new);
        Random rnd = new Random(seed);
        int reads = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = i; j < Math.min(a.length, i + 6); j++) {
                check(p, a[i], a[j], purged);
                reads++;
            }
            check(p, a[i], a[i + rnd.nextInt(a.length - i)], purged);
            check(p, 0, a[i], purged);
            check(p, a[i], U64_MAX, purged);
            reads += 3;
        }
        return reads;
    }

    private void check(Partition p, long from, long to, Long purged) {
        List<StoredRecord> got = p.readRange(from, to);
        List<StoredRecord> want = expected(from, to, purged);
        if (!got.equals(want)) {
            assertThat(got).as("readRange(%d, %d)", from, to).isEqualTo(want);
        }
    }

    @Test
    void everyRangeOverManyChunksAndBlocksReturnsExactlyTheKeysInRange() {
        long seed = 20_26_11_24;
        Path dir;
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.createPartition(ID, Stores.fixture(1500, 4));
            appendAll(p, seed);
            dir = p.directory();
            assertThat(Layout.manifestChunkIds(dir)).hasSizeGreaterThan(10);
            TreeSet<Long> pts = points(dir);
            checkAllRanges(p, pts, null, seed);
            p.sync();
            pts = points(dir);
            assertThat(checkAllRanges(p, pts, null, seed + 1)).isGreaterThan(5_000);
        }
        TreeSet<Long> pts = points(dir);
        try (TimevaultStore store = Stores.open(root)) {
            checkAllRanges(store.openPartition(ID), pts, null, seed + 2);
        }
        try (TimevaultStore store = Stores.openReadOnly(root)) {
            checkAllRanges(store.openPartition(ID), pts, null, seed + 3);
        }
        long purge = written.get(written.size() / 2).key() + 1;
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            p.purge(purge);
            checkAllRanges(p, pts, purge, seed + 4);
        }
        try (TimevaultStore store = Stores.open(root)) {
            checkAllRanges(store.openPartition(ID), points(dir), purge, seed + 5);
        }
    }

    @Test
    void duplicateKeysAcrossBlockBoundariesAreAllReturned() {
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.createPartition(ID, Stores.fixture(U64_MAX, 2));
            for (int i = 0; i < 7; i++) {
                byte[] rec = utf8("{\"i\":" + i + ",\"timestamp\":5}\n");
                p.append(5, rec);
                written.add(new StoredRecord(5, rec));
            }
            p.append(6, utf8("{\"timestamp\":6}\n"));
            p.sync();
            assertThat(p.readRange(5, 5)).isEqualTo(expected(5, 5, null));
            assertThat(p.readRange(0, 5)).hasSize(7);
            assertThat(p.readRange(5, 6)).hasSize(8);
            assertThat(p.readRange(6, 6)).hasSize(1);
        }
        try (TimevaultStore store = Stores.open(root)) {
            assertThat(store.openPartition(ID).readRange(5, 5)).isEqualTo(expected(5, 5, null));
        }
    }

    @Test
    void rangeOfASingleKeyInsideAGapIsEmpty() {
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.createPartition(ID, Stores.fixture(200, 2));
            for (long k = 100; k <= 2000; k += 100) {
                p.append(k, utf8("{\"timestamp\":" + k + "}\n"));
            }
            for (long k = 100; k < 2000; k += 100) {
                assertThat(p.readRange(k + 1, k + 99)).isEmpty();
                assertThat(p.readRange(k, k)).extracting(StoredRecord::key).containsExactly(k);
                assertThat(p.readRange(k + 1, k + 100)).extracting(StoredRecord::key).containsExactly(k + 100);
            }
            assertThat(p.readRange(0, 99)).isEmpty();
            assertThat(p.readRange(2001, U64_MAX)).isEmpty();
        }
    }

    @Test
    void fromAboveToIsRejectedAndEqualBoundsAreValid() {
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.createPartition(ID, Stores.fixture(200, 2));
            p.append(7, utf8("{\"timestamp\":7}\n"));
            assertThatExceptionOfType(InvalidRangeException.class).isThrownBy(() -> p.readRange(8, 7));
            assertThatExceptionOfType(InvalidRangeException.class).isThrownBy(() -> p.readRange(U64_MAX, 0));
            assertThat(p.readRange(7, 7)).hasSize(1);
            assertThat(p.readRange(0, U64_MAX)).hasSize(1);
        }
    }
}
