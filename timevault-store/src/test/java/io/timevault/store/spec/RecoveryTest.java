package io.timevault.store.spec;

import static io.timevault.store.support.Records.bare;
import static io.timevault.store.support.Records.keys;
import static io.timevault.store.support.RustFiles.block;
import static io.timevault.store.support.RustFiles.closed;
import static io.timevault.store.support.RustFiles.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.timevault.store.MissingFileException;
import io.timevault.store.Partition;
import io.timevault.store.RecoveryReport.RepairKind;
import io.timevault.store.StoredRecord;
import io.timevault.store.TimevaultStore;
import io.timevault.store.support.Files2;
import io.timevault.store.support.Layout;
import io.timevault.store.support.Records;
import io.timevault.store.support.RustFiles;
import io.timevault.store.support.RustFiles.Meta;
import io.timevault.store.support.Stores;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec §6.5 (recovery_tests.rs): default metadata, hand-made files, records {@code {"timestamp":N}} + LF (18 bytes).
 * The Rust tests assert its in-memory runtime; we assert what is observable: reads, the last record, the repair
 * report and the files. Deviation 5 throughout: we rebuild missing or bad indexes, remove an empty open last
 * line, write the re-blocked tail's index lines at open, and fix the stale block minimum (§7 item 7).
 */
class RecoveryTest {

    private static final UUID ID = UUID.fromString("8b0e4f2a-6c1d-4e3b-9a5f-0d1c2b3a4f5e");

    @TempDir
    Path root;

    private RustFiles.Builder fixture(Meta meta) {
        return new RustFiles.Builder(root, ID).metadata(meta);
    }

    private Path dir() {
        return Layout.partitionDir(root, ID);
    }

    private static byte[] bares(long... keys) {
        List<byte[]> parts = new java.util.ArrayList<>();
        for (long k : keys) {
            parts.add(bare(k));
        }
        return Records.concat(parts);
    }

    /** §6.5 item 23. */
    @Test
    void noManifestMeansNoCurrentChunk() {
        fixture(Meta.defaults());
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(p.stats().currentChunkSize()).isZero();
            assertThat(p.lastRecord()).isEmpty();
            assertThat(p.recoveryReport().clean()).isTrue();
        }
    }

    /**
     * §6.5 item 24 with deviation 5: Rust fails with MissingFile(chunk); an open last line whose chunk is missing is
     * what a crash right after a roll's manifest write leaves behind, so we remove the line and report it.
     */
    @Test
    void openLastLineWithoutChunkIsRemoved_deviationFromRustMissingFile() {
        fixture(Meta.defaults()).manifest(open(100, 100));
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(p.recoveryReport().has(RepairKind.MANIFEST_LINE_REMOVED)).isTrue();
            assertThat(p.readRange(0, 1000)).isEmpty();
            p.append(200, bare(200));
        }
        assertThat(Layout.lines(Layout.manifest(dir()))).containsExactly(open(200, 200));
    }

    @Test
    void openLastLineWithEmptyChunkIsRemoved_deviationFromRustFailure() {
        fixture(Meta.defaults()).manifest(closed(100, 100, 100), open(200, 200))
                .chunk(100, bare(100)).index(100, block(100, 100, 0, 18))
                .chunk(200, new byte[0]).index(200);
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(p.recoveryReport().has(RepairKind.MANIFEST_LINE_REMOVED)).isTrue();
            assertThat(keys(p.readRange(0, 1000))).containsExactly(100L);
            assertThat(p.lastRecord().map(StoredRecord::key)).contains(100L);
        }
        assertThat(Layout.lines(Layout.manifest(dir()))).containsExactly(closed(100, 100, 100));
    }

    /** §6.5 item 25 with deviation 5: Rust fails with MissingFile(index); we rebuild it from the chunk. */
    @Test
    void missingIndexIsRebuilt_deviationFromRustMissingFile() {
        fixture(Meta.defaults()).manifest(open(100, 100)).chunk(100, bares(100, 200));
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(p.recoveryReport().has(RepairKind.INDEX_REBUILT)).isTrue();
            assertThat(keys(p.readRange(0, 1000))).containsExactly(100L, 200L);
            assertThat(p.lastRecord().map(StoredRecord::bytes)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bare(200)));
        }
        assertThat(Layout.index(dir(), 100)).exists();
        assertThat(Layout.lines(Layout.index(dir(), 100))).as("two records < 128 form no complete block").isEmpty();
    }

    /** §6.5 item 26: closed last line [100,400]; records 100, 200, 350; one index block [100,200]@0+36. */
    @Test
    void unindexedTailBehindAnIndexBlockIsRecoveredWithItsLastRecord() {
        fixture(Meta.defaults()).manifest(closed(100, 100, 400)).chunk(100, bares(100, 200, 350))
                .index(100, block(100, 200, 0, 36));
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(keys(p.readRange(0, 1000))).containsExactly(100L, 200L, 350L);
            assertThat(p.lastRecord()).contains(new StoredRecord(350, bare(350)));
            assertThat(p.stats().currentChunkSize()).isEqualTo(54);
            p.append(400, bare(400));
            assertThat(keys(p.readRange(360, 1000))).containsExactly(400L);
        }
        assertThat(Layout.read(Layout.chunk(dir(), 100))).isEqualTo(bares(100, 200, 350, 400));
        assertThat(Layout.lines(Layout.manifest(dir())))
                .as("deviation 5 / §7 item 9: the closed last line is reopened before the append")
                .containsExactly(open(100, 100));
    }

    /** §6.5 item 27: closed chunk 1000 + open chunk 1002 with an EMPTY index, the normal Rust state. */
    @Test
    void rustPartitionWithClosedAndOpenChunkAndUnindexedTailOpensClean() {
        fixture(Meta.defaults()).manifest(closed(1000, 1000, 1001), open(1002, 1002))
                .chunk(1000, bares(1000, 1001)).index(1000, block(1000, 1001, 0, 38))
                .chunk(1002, bares(1002, 1003)).index(1002);
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(p.recoveryReport().clean()).as(p.recoveryReport().toString()).isTrue();
            assertThat(p.stats().currentChunkSize()).isEqualTo(38);
            assertThat(p.lastRecord()).contains(new StoredRecord(1003, bare(1003)));
            assertThat(keys(p.readRange(0, 5000))).containsExactly(1000L, 1001L, 1002L, 1003L);
            p.append(1004, bare(1004));
        }
        assertThat(Layout.lines(Layout.manifest(dir()))).containsExactly(closed(1000, 1000, 1001), open(1002, 1002));
        assertThat(Layout.read(Layout.chunk(dir(), 1002))).isEqualTo(bares(1002, 1003, 1004));
    }

    /**
     * §6.5 item 28 with max_records 1. Rust keeps one pending block and, after appending 400, writes
     * {@code {100,400,36,36}} (stale minimum, §7 item 7). We re-block the tail at open ({350,350,36,18}) and the
     * append gets its own block ({400,400,54,18}).
     */
    @Test
    void tailIsReblockedAtOpenAndTheStaleBlockMinimumIsFixed_deviationFromRust() {
        Meta meta = new Meta("jsonl", 256_000_000L, 24, 1, 24, true, false, null);
        fixture(meta).manifest(closed(100, 100, 400)).chunk(100, bares(100, 200, 350))
                .index(100, block(100, 200, 0, 36));
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(Layout.lines(Layout.index(dir(), 100)))
                    .as("index lines of the re-blocked tail are written at open")
                    .containsExactly(block(100, 200, 0, 36), block(350, 350, 36, 18));
            p.append(400, bare(400));
        }
        assertThat(Layout.lines(Layout.index(dir(), 100))).containsExactly(
                block(100, 200, 0, 36), block(350, 350, 36, 18), block(400, 400, 54, 18));
    }

    /**
     * §7 item 7 as timevault-rs writes it in normal operation: block {100,200}, a restart, then 300 and 400 flushed
     * as {100,400} (the stale min of the previous line). Read as it is: no repair, no rewrite.
     */
    @Test
    void rustsStaleBlockMinimumAfterARestartIsNotDamage() {
        Meta meta = new Meta("jsonl", 256_000_000L, 24, 2, 24, true, false, null);
        fixture(meta).manifest(open(100, 100)).chunk(100, bares(100, 200, 300, 400, 500))
                .index(100, block(100, 200, 0, 36), block(100, 400, 36, 36));
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(p.recoveryReport().clean()).as(p.recoveryReport().toString()).isTrue();
            assertThat(keys(p.readRange(0, 1000))).containsExactly(100L, 200L, 300L, 400L, 500L);
            assertThat(keys(p.readRange(300, 400))).containsExactly(300L, 400L);
            p.append(600, bare(600));
        }
        assertThat(Layout.lines(Layout.index(dir(), 100))).containsExactly(
                block(100, 200, 0, 36), block(100, 400, 36, 36), block(500, 600, 72, 36));
    }

    /** An overlap that is not timevault-rs's stale minimum is damage: the index is rebuilt and reported. */
    @Test
    void overlappingIndexLineIsRebuilt() {
        Meta meta = new Meta("jsonl", 256_000_000L, 24, 2, 24, true, false, null);
        fixture(meta).manifest(open(100, 100)).chunk(100, bares(100, 200, 300, 400))
                .index(100, block(100, 200, 0, 36), block(150, 400, 36, 36));
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(p.recoveryReport().has(RepairKind.INDEX_REBUILT)).as(p.recoveryReport().toString()).isTrue();
            assertThat(keys(p.readRange(0, 1000))).containsExactly(100L, 200L, 300L, 400L);
        }
        assertThat(Layout.lines(Layout.index(dir(), 100))).containsExactly(
                block(100, 200, 0, 36), block(300, 400, 36, 36));
    }

    /** §6.5 item 29 with deviation 5: Rust fails (index ends mid-record); we drop the line and rebuild. */
    @Test
    void indexEndingMidRecordIsRebuilt_deviationFromRustInvalidInput() {
        fixture(Meta.defaults()).manifest(open(100, 100)).chunk(100, bares(100, 200))
                .index(100, block(100, 100, 0, 1));
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(p.recoveryReport().has(RepairKind.INDEX_REBUILT)).isTrue();
            assertThat(keys(p.readRange(0, 1000))).containsExactly(100L, 200L);
        }
        assertThat(Layout.lines(Layout.index(dir(), 100))).isEmpty();
    }

    /** §7 item 6: Rust loses the last record when the index ends exactly at the end of the chunk. */
    @Test
    void lastRecordIsRecoveredWhenTheIndexEndsAtTheEndOfTheChunk_fixesRustBug() {
        Meta meta = new Meta("jsonl", 256_000_000L, 24, 2, 24, true, false, null);
        fixture(meta).manifest(open(100, 100)).chunk(100, bares(100, 200, 300, 400))
                .index(100, block(100, 200, 0, 36), block(300, 400, 36, 36));
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(p.recoveryReport().clean()).as(p.recoveryReport().toString()).isTrue();
            assertThat(p.lastRecord()).contains(new StoredRecord(400, bare(400)));
            p.append(400, bare(400));
            assertThat(p.stats().appends()).as("the identical repeat of the recovered last record is skipped").isZero();
            assertThatExceptionOfType(io.timevault.store.OutOfOrderAppendException.class)
                    .isThrownBy(() -> p.append(399, bare(399)));
        }
        assertThat(Layout.read(Layout.chunk(dir(), 100))).isEqualTo(bares(100, 200, 300, 400));
    }

    /** A Rust purge result (§3.9 example, closed chunk): chunk rewritten to 4,5, metadata last_purge_id 3. */
    @Test
    void rustPurgeResultOfAClosedChunkOpensClean() {
        fixture(Meta.fixture(150, 2).withLastPurgeId(3L))
                .manifest(closed(1, 4, 5), open(6, 6))
                .chunk(1, Records.recs(4, 5)).index(1, block(4, 4, 0, 28), block(5, 5, 28, 28))
                .chunk(6, Records.rec(6)).index(6);
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(p.recoveryReport().clean()).as(p.recoveryReport().toString()).isTrue();
            assertThat(p.lastPurgeId()).hasValue(3);
            assertThat(keys(p.readRange(0, 100))).containsExactly(4L, 5L, 6L);
        }
    }

    /** A Rust purge result (§3.9 example, open chunk): chunk = 4,5 and an EMPTY index. */
    @Test
    void rustPurgeResultOfAnOpenChunkReadsTheRemainingRecords() {
        fixture(Meta.fixture(Records.U64_MAX, 2).withLastPurgeId(3L))
                .manifest(open(1, 4))
                .chunk(1, Records.recs(4, 5)).index(1);
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(p.lastPurgeId()).hasValue(3);
            assertThat(keys(p.readRange(0, 100))).containsExactly(4L, 5L);
            assertThat(p.lastRecord()).contains(new StoredRecord(5, Records.rec(5)));
        }
        assertThat(Layout.lines(Layout.index(dir(), 1))).as("the tail is re-blocked by cadence at open")
                .containsExactly(block(4, 5, 0, 56));
    }

    /** §0.3: Rust's reader accepts insignificant whitespace; so do we, and appends continue a valid index. */
    @Test
    void rustFilesWithInsignificantWhitespaceAreReadAndExtended() {
        Files2.write(Layout.metadata(dir()), "{ \"partition_id\": \"" + ID + "\",\n \"format_version\": 1, \"format_plugin\": \"jsonl\","
                + " \"chunk_roll\": {\"max_bytes\": 256000000, \"max_hours\": 24}, \"index\": {\"max_records\": 2,"
                + " \"max_hours\": 24}, \"retention\": {\"max_days\": 365}, \"key_is_timestamp\": true,"
                + " \"logical_purge\": false }");
        Files2.write(Layout.manifest(dir()), "{ \"chunk_id\": 100, \"min_order_key\": 100 }\n");
        Files2.write(Layout.chunk(dir(), 100), bares(100, 200, 300));
        Files2.write(Layout.index(dir(), 100), "{\"block_min_key\": 100, \"block_max_key\": 200,"
                + " \"file_offset_bytes\": 0, \"block_len_bytes\": 36}\n");
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(keys(p.readRange(0, 1000))).containsExactly(100L, 200L, 300L);
            p.append(400, bare(400));
            p.append(500, bare(500));
            p.append(600, bare(600));
        }
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(p.recoveryReport().has(RepairKind.INDEX_REBUILT)).as("%s", p.recoveryReport()).isFalse();
            assertThat(keys(p.readRange(0, 1000))).containsExactly(100L, 200L, 300L, 400L, 500L, 600L);
            for (long k = 100; k <= 600; k += 100) {
                assertThat(keys(p.readRange(k, k))).containsExactly(k);
            }
        }
        List<String> index = Layout.lines(Layout.index(dir(), 100));
        assertThat(index).hasSize(3);
        assertThat(index.subList(1, 3)).containsExactly(block(300, 400, 36, 36), block(500, 600, 72, 36));
        assertThat(Layout.lines(Layout.manifest(dir()))).containsExactly(open(100, 100));
    }
}
