package io.timevault.store.golden;

import static io.timevault.store.support.Records.U64_MAX;
import static io.timevault.store.support.Records.keys;
import static io.timevault.store.support.Records.range;
import static io.timevault.store.support.Records.rec;
import static io.timevault.store.support.Stores.SPEC_ID;
import static io.timevault.store.support.Stores.appendRange;
import static io.timevault.store.support.Stores.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.store.Partition;
import io.timevault.store.PartitionConfig;
import io.timevault.store.TimevaultStore;
import io.timevault.store.support.Files2;
import io.timevault.store.support.Golden;
import io.timevault.store.support.Layout;
import io.timevault.store.support.Records;
import io.timevault.store.support.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Byte-exact comparisons of what our engine writes with the committed fixtures of {@code golden/}, which were
 * written by hand from the worked examples of spec/timevault-format.md. Where our engine deliberately writes
 * different bytes than timevault-rs (purge keeps the straddling chunk's bytes), the fixture encodes OUR bytes and
 * the test name says so.
 */
class GoldenFilesTest {

    @TempDir
    Path root;

    @Test
    void recordsAreStoredVerbatimAsTheSpecsTwentyEightAndThirtyByteLines() {
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.createPartition(SPEC_ID, fixture(U64_MAX, 100));
            appendRange(p, 1, 10);
        }
        assertThat(rec(1)).hasSize(28);
        assertThat(rec(10)).hasSize(30);
        Path dir = Layout.partitionDir(root, SPEC_ID);
        assertThat(Layout.read(Layout.chunk(dir, 1))).isEqualTo(Golden.bytes("records/records-1-to-10.chunk"));
    }

    @Test
    void specExampleRecordsOfEighteenToThirtySevenBytesAreStoredVerbatim() {
        List<String> lines = Layout.lines(Golden.path("records/spec-examples.jsonl"));
        long[] keys = {1, 10, 100, 1000, 1000};
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.createPartition(SPEC_ID, fixture(U64_MAX, 100));
            for (int i = 0; i < keys.length; i++) {
                p.append(keys[i], Records.utf8(lines.get(i) + "\n"));
            }
        }
        assertThat(lines).extracting(l -> l.length() + 1).containsExactly(28, 30, 18, 33, 37);
        Path dir = Layout.partitionDir(root, SPEC_ID);
        assertThat(Layout.read(Layout.chunk(dir, 1))).isEqualTo(Golden.bytes("records/spec-examples.jsonl"));
    }

    @Test
    void createWritesTheDefaultMetadataOf289BytesWithoutTrailingNewline() {
        try (TimevaultStore store = Stores.open(root)) {
            store.createPartition(SPEC_ID, PartitionConfig.defaults());
        }
        Path dir = root.resolve("partitions/fa/87/13f98d87-e036-4804-829a-bcb965a9fa87");
        byte[] metadata = Layout.read(dir.resolve("metadata.json"));
        assertThat(metadata).hasSize(289).isEqualTo(Golden.bytes("metadata/defaults.json"));
        assertThat(metadata[metadata.length - 1]).isEqualTo((byte) '}');
        assertThat(dir.resolve("manifest.jsonl")).exists().isEmptyFile();
    }

    @Test
    void fixtureMetadataWritesUnsignedKnobsInStructOrder() {
        try (TimevaultStore store = Stores.open(root)) {
            store.createPartition(SPEC_ID, fixture(150, 2));
        }
        assertThat(Layout.read(Layout.metadata(Layout.partitionDir(root, SPEC_ID))))
                .isEqualTo(Golden.bytes("metadata/fixture-150-2.json"));
    }

    @Test
    void purgeRewritesMetadataWithTheLastPurgeIdAndAllOtherFieldsAsRead() {
        try (TimevaultStore store = Stores.open(root)) {
            store.createPartition(SPEC_ID, PartitionConfig.defaults()).purge(42);
        }
        assertThat(Layout.read(Layout.metadata(Layout.partitionDir(root, SPEC_ID))))
                .isEqualTo(Golden.bytes("metadata/defaults-after-purge-42.json"));
    }

    /** Spec §3.5 worked example: max_bytes 150, max_records 2, keys 1..10. */
    @Test
    void rollExampleWritesTheSpecsManifestChunksAndIndexesAfterSync() {
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.createPartition(SPEC_ID, fixture(150, 2));
            appendRange(p, 1, 10);
            p.sync();
            Golden.assertTreeMatches("roll-150-2", p.directory());
        }
    }

    @Test
    void rollExampleBytesAreUnchangedByCloseAndReopen() {
        Path dir = Stores.written(root, SPEC_ID, fixture(150, 2), 1, 10);
        Golden.assertTreeMatches("roll-150-2", dir);
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(SPEC_ID);
            assertThat(p.recoveryReport().clean()).as(p.recoveryReport().toString()).isTrue();
            assertThat(keys(p.readRange(0, U64_MAX))).isEqualTo(range(1, 10));
        }
        Golden.assertTreeMatches("roll-150-2", dir);
    }

    @Test
    void goldenRollTreeInRustFormOpensCleanAndReadsEveryRecord() {
        Path dir = Layout.partitionDir(root, SPEC_ID);
        Files2.copyTree(Golden.path("roll-150-2"), dir);
        Files2.write(Layout.metadata(dir), Golden.bytes("metadata/fixture-150-2.json"));
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(SPEC_ID);
            assertThat(p.recoveryReport().clean()).as(p.recoveryReport().toString()).isTrue();
            assertThat(keys(p.readRange(0, U64_MAX))).isEqualTo(range(1, 10));
            assertThat(p.lastRecord()).hasValueSatisfying(r -> assertThat(r.bytes()).isEqualTo(rec(10)));
        }
        Golden.assertTreeMatches("roll-150-2", dir);
    }

    /**
     * Deviation 12: our purge keeps the straddling open chunk's bytes, index and manifest line (min 1, at or below
     * last_purge_id, so timevault-rs completes the purge physically when it opens the partition).
     */
    @Test
    void purgeInsideOpenChunkKeepsItsBytesIndexAndManifestLine_deviationFromRustRewrite() {
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.createPartition(SPEC_ID, fixture(U64_MAX, 2));
            appendRange(p, 1, 5);
            p.purge(3);
            p.sync();
            Golden.assertTreeMatches("purge-open-chunk-3", p.directory());
        }
        Golden.assertTreeMatches("purge-open-chunk-3", Layout.partitionDir(root, SPEC_ID));
    }

    /** Deviation 6, closed chunk: Rust would rewrite chunk 1 to records 4,5 with index {4,4},{5,5}. */
    @Test
    void purgeInsideClosedChunkKeepsItsBytesAndIndex_deviationFromRustRewrite() {
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.createPartition(SPEC_ID, fixture(150, 2));
            appendRange(p, 1, 6);
            p.purge(3);
        }
        Golden.assertTreeMatches("purge-closed-chunk-3", Layout.partitionDir(root, SPEC_ID));
    }

    @Test
    void purgeAtTheMaxOfAChunkDeletesTheWholeChunk() {
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.createPartition(SPEC_ID, fixture(150, 2));
            appendRange(p, 1, 10);
            p.purge(5);
        }
        Golden.assertTreeMatches("purge-whole-chunk-5", Layout.partitionDir(root, SPEC_ID));
    }

    @Test
    void purgeBeyondTheLastKeyEmptiesTheManifestAndDeletesEveryChunkFile() {
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.createPartition(SPEC_ID, fixture(U64_MAX, 100));
            appendRange(p, 10, 12);
            p.purge(20);
        }
        Golden.assertTreeMatches("purge-everything-20", Layout.partitionDir(root, SPEC_ID));
    }

    /** Spec §3.10: open chunk 1..5, truncate(4) → records 1..3, index {1,2,0,56} (record 3 pending), line open. */
    @Test
    void truncateInsideOpenChunkCutsTheChunkAndKeepsTheLineOpen() {
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.createPartition(SPEC_ID, fixture(U64_MAX, 2));
            appendRange(p, 1, 5);
            p.truncate(4);
            Golden.assertTreeMatches("truncate-open-chunk-4", p.directory());
        }
        Golden.assertTreeMatches("truncate-open-chunk-4", Layout.partitionDir(root, SPEC_ID));
    }

    /** Spec §3.10: closed chunk 1..5 + open 6, truncate(4) → closed line {1,1,3}, index synthesizes {3,3,56,28}. */
    @Test
    void truncateInsideClosedChunkKeepsAClosedLineWithTheNewMaxLikeRust() {
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.createPartition(SPEC_ID, fixture(150, 2));
            appendRange(p, 1, 6);
            p.truncate(4);
            Golden.assertTreeMatches("truncate-closed-chunk-4", p.directory());
        }
        Golden.assertTreeMatches("truncate-closed-chunk-4", Layout.partitionDir(root, SPEC_ID));
        assertThat(Files.exists(Layout.chunk(Layout.partitionDir(root, SPEC_ID), 6))).isFalse();
    }
}
