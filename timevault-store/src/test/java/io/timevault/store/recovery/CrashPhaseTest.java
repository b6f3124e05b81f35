package io.timevault.store.recovery;

import static io.timevault.store.support.Records.U64_MAX;
import static io.timevault.store.support.Records.keys;
import static io.timevault.store.support.Records.range;
import static io.timevault.store.support.Records.rec;
import static io.timevault.store.support.RustFiles.block;
import static io.timevault.store.support.RustFiles.closed;
import static io.timevault.store.support.RustFiles.open;
import static io.timevault.store.support.Stores.SPEC_ID;
import static io.timevault.store.support.Stores.appendRange;
import static io.timevault.store.support.Stores.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.store.Partition;
import io.timevault.store.RecoveryReport;
import io.timevault.store.RecoveryReport.RepairKind;
import io.timevault.store.StoredRecord;
import io.timevault.store.TimevaultStore;
import io.timevault.store.support.DiskInvariants;
import io.timevault.store.support.Files2;
import io.timevault.store.support.Golden;
import io.timevault.store.support.Layout;
import io.timevault.store.support.RustFiles;
import io.timevault.store.support.Stores;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per crash phase of each multi-file operation (the kafka LogLoaderTest style): the on-disk state after
 * step k of roll, purge and truncate is built with the engine plus file surgery, then opened. The order of steps is
 * the one documented in PartitionWriter: roll = force old chunk, write its last index lines, create the new empty
 * files, one manifest rewrite; purge = metadata, manifest rewrite, unlinks; truncate = manifest rewrite, cut,
 * index rewrite, unlinks. Rust's own crash windows (a closed last line, a torn appended manifest line) are here too.
 */
class CrashPhaseTest {

    @TempDir
    Path root;

    private Path dir() {
        return Layout.partitionDir(root, SPEC_ID);
    }

    private RecoveryReport openAndAppend(long from, long to) {
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(SPEC_ID);
            appendRange(p, from, to);
            return p.recoveryReport();
        }
    }

    private List<Long> openAndReadKeys() {
        try (TimevaultStore store = Stores.open(root)) {
            return keys(store.openPartition(SPEC_ID).readRange(0, U64_MAX));
        }
    }

    // ---- roll: keys 1..5 in chunk 1 (150 bytes, 2 per block), key 6 rolls ----

    @Test
    void rollCrashAfterTheOldChunksLastIndexLineResumesToTheSpecsBytes() {
        Stores.written(root, SPEC_ID, fixture(150, 2), 1, 5);
        Files2.append(Layout.index(dir(), 1), (block(5, 5, 112, 28) + "\n").getBytes());
        RecoveryReport report = openAndAppend(6, 10);
        assertThat(report.clean()).as("%s", report).isTrue();
        Golden.assertTreeMatches("roll-150-2", dir());
    }

    @Test
    void rollCrashAfterCreatingTheNewEmptyFilesRemovesThemAsOrphans() {
        Stores.written(root, SPEC_ID, fixture(150, 2), 1, 5);
        Files2.append(Layout.index(dir(), 1), (block(5, 5, 112, 28) + "\n").getBytes());
        Files2.write(Layout.chunk(dir(), 6), new byte[0]);
        Files2.write(Layout.index(dir(), 6), new byte[0]);
        RecoveryReport report = openAndAppend(6, 10);
        assertThat(report.has(RepairKind.ORPHAN_REMOVED)).as("%s", report).isTrue();
        Golden.assertTreeMatches("roll-150-2", dir());
    }

    @Test
    void rollCrashAfterTheManifestRewriteRemovesTheEmptyOpenLine() {
        Stores.written(root, SPEC_ID, fixture(150, 2), 1, 5);
        Files2.append(Layout.index(dir(), 1), (block(5, 5, 112, 28) + "\n").getBytes());
        Files2.write(Layout.chunk(dir(), 6), new byte[0]);
        Files2.write(Layout.index(dir(), 6), new byte[0]);
        Files2.write(Layout.manifest(dir()), RustFiles.jsonl(closed(1, 1, 5), open(6, 6)));
        RecoveryReport report = openAndAppend(6, 10);
        assertThat(report.has(RepairKind.MANIFEST_LINE_REMOVED)).as("%s", report).isTrue();
        Golden.assertTreeMatches("roll-150-2", dir());
    }

    @Test
    void rollCrashDuringTheManifestRewriteRemovesTheTempFile() {
        Stores.written(root, SPEC_ID, fixture(150, 2), 1, 5);
        Files2.write(dir().resolve("manifest.json.tmp"), RustFiles.jsonl(closed(1, 1, 5), open(6, 6)));
        RecoveryReport report = openAndAppend(6, 10);
        assertThat(report.has(RepairKind.TEMP_FILE_REMOVED)).as("%s", report).isTrue();
        assertThat(dir().resolve("manifest.json.tmp")).doesNotExist();
        Golden.assertTreeMatches("roll-150-2", dir());
    }

    /** Rust's roll is two manifest writes; a crash between them leaves a closed last line (spec §3.6, §7 item 3). */
    @Test
    void rustCrashBetweenCloseAndOpenLineLeavesAClosedLastLineThatWeReopen() {
        Stores.written(root, SPEC_ID, fixture(150, 2), 1, 5);
        Files2.append(Layout.index(dir(), 1), (block(5, 5, 112, 28) + "\n").getBytes());
        Files2.write(Layout.manifest(dir()), RustFiles.jsonl(closed(1, 1, 5)));
        openAndAppend(6, 10);
        Golden.assertTreeMatches("roll-150-2", dir());
    }

    /** Rust appends the open line without fsync; a torn one is dropped and the unlisted chunk removed. */
    @Test
    void rustTornOpenManifestLineIsDroppedAndItsChunkRemoved() {
        Stores.written(root, SPEC_ID, fixture(150, 2), 1, 7);
        String full = RustFiles.jsonl(closed(1, 1, 5), open(6, 6));
        Files2.write(Layout.manifest(dir()), full.substring(0, full.length() - 9));
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(SPEC_ID);
            RecoveryReport report = p.recoveryReport();
            assertThat(report.has(RepairKind.MANIFEST_TAIL_TRUNCATED)).as("%s", report).isTrue();
            assertThat(report.has(RepairKind.ORPHAN_REMOVED)).as("%s", report).isTrue();
            assertThat(keys(p.readRange(0, U64_MAX))).isEqualTo(range(1, 5));
            appendRange(p, 6, 10);
        }
        Golden.assertTreeMatches("roll-150-2", dir());
    }

    // ---- purge: (150, 2) keys 1..10, purge(7): chunk 1 deleted, chunk 6 min 8 ----

    @Test
    void purgeCrashBeforeTheMetadataRenameKeepsEverything() {
        Stores.written(root, SPEC_ID, fixture(150, 2), 1, 10);
        Files2.write(dir().resolve("metadata.json.tmp"),
                RustFiles.metadataJson(SPEC_ID, RustFiles.Meta.fixture(150, 2).withLastPurgeId(7L)));
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(SPEC_ID);
            assertThat(p.recoveryReport().has(RepairKind.TEMP_FILE_REMOVED)).isTrue();
            assertThat(p.lastPurgeId()).isEmpty();
            assertThat(keys(p.readRange(0, U64_MAX))).isEqualTo(range(1, 10));
        }
    }

    @Test
    void purgeCrashAfterTheMetadataWriteIsCompletedOnOpen() {
        Stores.written(root, SPEC_ID, fixture(150, 2), 1, 10);
        Files2.write(Layout.metadata(dir()), RustFiles.metadataJson(SPEC_ID, RustFiles.Meta.fixture(150, 2).withLastPurgeId(7L)));
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(SPEC_ID);
            assertThat(p.recoveryReport().has(RepairKind.PURGE_COMPLETED)).as("%s", p.recoveryReport()).isTrue();
            assertThat(keys(p.readRange(0, U64_MAX))).isEqualTo(range(8, 10));
        }
        assertThat(Layout.lines(Layout.manifest(dir()))).containsExactly(open(6, 6));
        assertThat(Layout.chunkDirFiles(dir())).containsExactly("0000000000000006.chunk", "0000000000000006.index");
    }

    @Test
    void purgeCrashAfterTheManifestRewriteRemovesTheDeletedChunksAsOrphans() {
        Stores.written(root, SPEC_ID, fixture(150, 2), 1, 10);
        Files2.write(Layout.metadata(dir()), RustFiles.metadataJson(SPEC_ID, RustFiles.Meta.fixture(150, 2).withLastPurgeId(7L)));
        Files2.write(Layout.manifest(dir()), RustFiles.jsonl(open(6, 8)));
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(SPEC_ID);
            assertThat(p.recoveryReport().has(RepairKind.ORPHAN_REMOVED)).as("%s", p.recoveryReport()).isTrue();
            assertThat(keys(p.readRange(0, U64_MAX))).isEqualTo(range(8, 10));
        }
        assertThat(Layout.chunkDirFiles(dir())).containsExactly("0000000000000006.chunk", "0000000000000006.index");
    }

    /**
     * Found by PartitionModelTest (seed -7082533495037434791) when purge(2) still moved the open chunk's manifest
     * min, to key 4, which was appended but not synced (the purge now leaves the line as it is). A crash loses
     * record 4; the line said min 4 while the chunk only held the purged record 1. Record 3 appended after the
     * restart landed in that chunk below its line's min, and range reads that stopped at the min skipped it.
     */
    @Test
    void purgeWhoseNewMinWasNeverSyncedThenCrashKeepsLaterAppendsReadable() {
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.createPartition(SPEC_ID, fixture(U64_MAX, 100));
            p.append(1, rec(1));
            p.sync();
            p.append(4, rec(4));
            p.purge(2);
            assertThat(Layout.lines(Layout.manifest(dir()))).as("the purge no longer moves the line's min")
                    .containsExactly(open(1, 1));
            Path crashed = root.resolveSibling(root.getFileName() + "-crashed");
            Files2.copyTree(root.resolve("partitions"), crashed.resolve("partitions"));
            Files2.cut(Layout.chunk(Layout.partitionDir(crashed, SPEC_ID), 1), rec(1).length);
            store.close();
            Files2.deleteTree(root);
            Files2.copyTree(crashed, root);
            Files2.deleteTree(crashed);
        }
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(SPEC_ID);
            assertThat(p.readRange(0, U64_MAX)).isEmpty();
            assertThat(p.lastRecord()).isEmpty();
            p.append(3, rec(3));
            assertThat(keys(p.readRange(0, U64_MAX))).containsExactly(3L);
            assertThat(keys(p.readRange(3, 3))).as("a range read ending at the new record").containsExactly(3L);
            assertThat(p.lastRecord()).contains(new StoredRecord(3, rec(3)));
        }
        assertThat(openAndReadKeys()).containsExactly(3L);
        DiskInvariants.check(dir());
    }

    /**
     * Same crash as above, then a roll (found by PartitionModelTest, seed -5357747204605367607): the roll closes the
     * chunk's line with its content max 3 below the stale min 4, writing {@code min_order_key > max_order_key}, and
     * the next open refuses the manifest — the partition can no longer be opened.
     */
    @Test
    void purgeWhoseNewMinWasNeverSyncedThenCrashThenRollStillReopens() {
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.createPartition(SPEC_ID, fixture(60, 100));
            p.append(1, rec(1));
            p.sync();
            p.append(4, rec(4));
            p.purge(2);
            Path crashed = root.resolveSibling(root.getFileName() + "-crashed");
            Files2.copyTree(root.resolve("partitions"), crashed.resolve("partitions"));
            Files2.cut(Layout.chunk(Layout.partitionDir(crashed, SPEC_ID), 1), rec(1).length);
            store.close();
            Files2.deleteTree(root);
            Files2.copyTree(crashed, root);
            Files2.deleteTree(crashed);
        }
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(SPEC_ID);
            p.append(3, rec(3));
            p.append(5, rec(5));
            assertThat(keys(p.readRange(0, U64_MAX))).containsExactly(3L, 5L);
        }
        assertThat(openAndReadKeys()).containsExactly(3L, 5L);
        DiskInvariants.check(dir());
    }

    // ---- truncate: (150, 2) keys 1..10, truncate(4): chunk 1 closed 1..3, chunk 6 deleted ----

    @Test
    void truncateCrashAfterTheManifestRewriteLeavesAPrefixWithoutHoles() {
        Stores.written(root, SPEC_ID, fixture(150, 2), 1, 10);
        Files2.write(Layout.manifest(dir()), RustFiles.jsonl(closed(1, 1, 3)));
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(SPEC_ID);
            assertThat(p.recoveryReport().has(RepairKind.ORPHAN_REMOVED)).as("%s", p.recoveryReport()).isTrue();
            List<Long> keys = keys(p.readRange(0, U64_MAX));
            assertThat(keys).as("a prefix of the log, at least what truncate kept, no hole").isEqualTo(range(1, keys.size()));
            assertThat(keys.size()).isBetween(3, 5);
            p.truncate(4);
            assertThat(keys(p.readRange(0, U64_MAX))).isEqualTo(range(1, 3));
            appendRange(p, 4, 10);
        }
        assertThat(openAndReadKeys()).isEqualTo(range(1, 10));
        DiskInvariants.check(dir());
    }

    @Test
    void truncateCrashAfterTheCutRebuildsTheIndexThatPointsPastTheEnd() {
        Stores.written(root, SPEC_ID, fixture(150, 2), 1, 10);
        Files2.write(Layout.manifest(dir()), RustFiles.jsonl(closed(1, 1, 3)));
        Files2.cut(Layout.chunk(dir(), 1), 84);
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(SPEC_ID);
            RecoveryReport report = p.recoveryReport();
            assertThat(report.has(RepairKind.INDEX_REBUILT)).as("%s", report).isTrue();
            assertThat(report.has(RepairKind.ORPHAN_REMOVED)).as("%s", report).isTrue();
            assertThat(keys(p.readRange(0, U64_MAX))).isEqualTo(range(1, 3));
        }
        DiskInvariants.check(dir());
    }

    @Test
    void truncateCrashBeforeTheUnlinksRemovesTheLaterChunksAsOrphans() {
        Stores.written(root, SPEC_ID, fixture(150, 2), 1, 10);
        byte[] chunk6 = Layout.read(Layout.chunk(dir(), 6));
        byte[] index6 = Layout.read(Layout.index(dir(), 6));
        try (TimevaultStore store = Stores.open(root)) {
            store.openPartition(SPEC_ID).truncate(4);
        }
        Files2.write(Layout.chunk(dir(), 6), chunk6);
        Files2.write(Layout.index(dir(), 6), index6);
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(SPEC_ID);
            assertThat(p.recoveryReport().has(RepairKind.ORPHAN_REMOVED)).as("%s", p.recoveryReport()).isTrue();
            assertThat(keys(p.readRange(0, U64_MAX))).isEqualTo(range(1, 3));
        }
        assertThat(Layout.chunk(dir(), 6)).doesNotExist();
    }
}
