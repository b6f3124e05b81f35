package io.timevault.store.spec;

import static io.timevault.store.support.Records.U64_MAX;
import static io.timevault.store.support.Records.keys;
import static io.timevault.store.support.Records.rec;
import static io.timevault.store.support.Records.utf8;
import static io.timevault.store.support.Stores.appendRange;
import static io.timevault.store.support.Stores.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.timevault.store.InvalidRecordException;
import io.timevault.store.OutOfOrderAppendException;
import io.timevault.store.Partition;
import io.timevault.store.PartitionConfig;
import io.timevault.store.PartitionStats;
import io.timevault.store.StoredRecord;
import io.timevault.store.support.Files2;
import io.timevault.store.support.Layout;
import io.timevault.store.support.Records;
import io.timevault.store.support.RustFiles;
import io.timevault.store.support.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Spec §6.3 (append_tests.rs, append_edge_tests.rs, append_roll_tests.rs) plus our append deviations 1, 2, 3, 12. */
class AppendTest extends PartitionFixture {

    private static final UUID ID = UUID.fromString("6f1d8a52-2a34-4c52-8a6f-9a8d7c6b5a41");

    AppendTest() {
        super(ID);
    }

    /** §6.3 item 7. */
    @Test
    void identicalRepeatOfTheLastRecordIsSkipped() {
        Partition p = store.createPartition(ID, PartitionConfig.defaults());
        assertThat(p.append(100, Records.bare(100))).isZero();
        p.append(100, Records.bare(100));
        PartitionStats stats = p.stats();
        assertThat(stats.appends()).isEqualTo(1);
        assertThat(stats.bytes()).isEqualTo(18);
        assertThat(stats.currentChunkSize()).isEqualTo(18);
        assertThat(Layout.size(p.directory().resolve("chunks/0000000000000064.chunk"))).isEqualTo(18);
        assertThat(p.readRange(0, 1000)).hasSize(1);
    }

    /** §6.3 item 8 with deviation 1: Rust returns Ok(offset 33) silently; we throw and write nothing. */
    @Test
    void appendBelowTheLastKeyThrowsOutOfOrderAndWritesNothing_deviationFromRustSilentSuccess() {
        Partition p = store.createPartition(ID, fixture(U64_MAX, 100));
        p.append(1000, Records.withPayload(1000, "a"));
        byte[] before = Layout.read(Layout.chunk(p.directory(), 1000));
        assertThat(before).hasSize(33);
        assertThatExceptionOfType(OutOfOrderAppendException.class)
                .isThrownBy(() -> p.append(999, Records.withPayload(999, "b")))
                .satisfies(e -> {
                    assertThat(e.key()).isEqualTo(999);
                    assertThat(e.lowestAllowed()).isEqualTo(1000);
                });
        assertThat(Layout.read(Layout.chunk(p.directory(), 1000))).isEqualTo(before);
        assertThat(p.stats().appends()).isEqualTo(1);
        assertThat(keys(p.readRange(0, 2000))).containsExactly(1000L);
    }

    /** §6.3 item 9. */
    @Test
    void firstManifestLineIsNamedByTheFirstKey() {
        Partition p = store.createPartition(ID, PartitionConfig.defaults());
        p.append(1_700_000_000_000L, rec(1_700_000_000_000L));
        assertThat(Layout.manifestChunkIds(p.directory())).containsExactly(1_700_000_000_000L);
        assertThat(p.directory().resolve("chunks/0000018bcfe56800.chunk")).exists();
        assertThat(p.directory().resolve("chunks/0000018bcfe56800.index")).exists();
    }

    /** §6.3 item 10, with deviation 3: the index lines reach the file at sync(), not at append. */
    @Test
    void indexLinesFollowTheRecordCountCadenceAndAreWrittenAtSync_deviation3() {
        Partition p = store.createPartition(ID, fixture(U64_MAX, 2));
        appendRange(p, 1, 4);
        Path index = Layout.index(p.directory(), 1);
        assertThat(Layout.lines(index)).as("index lines before sync").isEmpty();
        p.sync();
        assertThat(Layout.lines(index)).containsExactly(
                RustFiles.block(1, 2, 0, 56),
                RustFiles.block(3, 4, 56, 56));
    }

    /** §6.3 item 11. */
    @Test
    void sameKeyWithDifferentBytesIsAppended() {
        Partition p = store.createPartition(ID, PartitionConfig.defaults());
        p.append(5, Records.withPayload(5, "one"));
        p.append(5, Records.withPayload(5, "two"));
        assertThat(p.stats().appends()).isEqualTo(2);
        assertThat(p.readRange(5, 5)).extracting(StoredRecord::text)
                .containsExactly("{\"payload\":\"one\",\"timestamp\":5}\n", "{\"payload\":\"two\",\"timestamp\":5}\n");
        assertThat(p.lastRecord()).hasValueSatisfying(r -> assertThat(r.text()).contains("two"));
    }

    /** §6.3 item 12: max_bytes 20 with 33-byte records: every record in its own chunk. */
    @Test
    void rollBySizeClosesTheOldLineAndLeavesTheLastOpen() {
        Partition p = store.createPartition(ID, PartitionConfig.defaults().withChunkRoll(20, 24));
        for (long k = 1000; k <= 1002; k++) {
            p.append(k, Records.withPayload(k, "a"));
        }
        List<String> lines = Layout.lines(Layout.manifest(p.directory()));
        assertThat(lines).containsExactly(
                RustFiles.closed(1000, 1000, 1000),
                RustFiles.closed(1001, 1001, 1001),
                RustFiles.open(1002, 1002));
    }

    /** §6.3 item 13: max_hours 1, keys 0, +30 min, +90 min → roll before the third record. */
    @Test
    void rollByKeySpanInHoursWhenKeysAreTimestamps() {
        Partition p = store.createPartition(ID, PartitionConfig.defaults().withChunkRoll(U64_MAX, 1));
        p.append(1_000_000, Records.withPayload(1_000_000, "x"));
        p.append(2_800_000, Records.withPayload(2_800_000, "y"));
        p.append(6_400_000, Records.withPayload(6_400_000, "z"));
        assertThat(Layout.lines(Layout.manifest(p.directory()))).containsExactly(
                RustFiles.closed(1_000_000, 1_000_000, 2_800_000),
                RustFiles.open(6_400_000, 6_400_000));
    }

    @Test
    void noRollByHoursWhenKeysAreNotTimestamps() {
        Partition p = store.createPartition(ID,
                PartitionConfig.defaults().withChunkRoll(U64_MAX, 1).withKeyIsTimestamp(false));
        p.append(1_000_000, Records.withPayload(1_000_000, "x"));
        p.append(6_400_000, Records.withPayload(6_400_000, "z"));
        assertThat(Layout.lines(Layout.manifest(p.directory()))).containsExactly(RustFiles.open(1_000_000, 1_000_000));
    }

    /**
     * §6.3 item 14: max_bytes 80, 37-byte records: 74 bytes fit, the third record rolls; the closed chunk's index
     * holds the pending block flushed at the roll.
     */
    @Test
    void closedChunksHaveTheirIndexFile() {
        Partition p = store.createPartition(ID, PartitionConfig.defaults().withChunkRoll(80, 24));
        for (long k = 1000; k <= 1002; k++) {
            p.append(k, Records.withPayload(k, "hello"));
        }
        assertThat(Layout.lines(Layout.manifest(p.directory()))).containsExactly(
                RustFiles.closed(1000, 1000, 1001),
                RustFiles.open(1002, 1002));
        assertThat(Layout.index(p.directory(), 1000)).exists();
        assertThat(Layout.lines(Layout.index(p.directory(), 1000))).containsExactly(RustFiles.block(1000, 1001, 0, 74));
    }

    /** §3.5 roll rule 2: equal keys stay together even when the chunk is full. */
    @Test
    void equalKeysDoNotRoll() {
        Partition p = store.createPartition(ID, fixture(60, 100));
        p.append(1, Records.withPayload(1, "first"));
        p.append(1, Records.withPayload(1, "second-record"));
        p.append(1, Records.withPayload(1, "third-record"));
        assertThat(Layout.manifestChunkIds(p.directory())).containsExactly(1L);
        p.append(2, rec(2));
        assertThat(Layout.manifestChunkIds(p.directory())).containsExactly(1L, 2L);
    }

    /** §3.5 roll rule 1: a first record larger than max_bytes is written into its own new chunk. */
    @Test
    void oversizedRecordGetsAChunkOfItsOwn() {
        Partition p = store.createPartition(ID, fixture(40, 100));
        p.append(1, rec(1));
        p.append(2, Records.withPayload(2, "x".repeat(100)));
        p.append(3, rec(3));
        assertThat(Layout.manifestChunkIds(p.directory())).containsExactly(1L, 2L, 3L);
        assertThat(keys(p.readRange(0, 10))).containsExactly(1L, 2L, 3L);
    }

    @Test
    void appendReturnsTheRecordsOffsetInsideItsChunk() {
        Partition p = store.createPartition(ID, fixture(150, 2));
        long[] expected = {0, 28, 56, 84, 112, 0, 28, 56, 84, 112};
        for (int k = 1; k <= 10; k++) {
            assertThat(p.append(k, rec(k))).as("offset of key %d", k).isEqualTo(expected[k - 1]);
        }
    }

    /** Deviation 2: append validates that the bytes are exactly one jsonl record whose timestamp is the key. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"payload\":1,\"timestamp\":1}",                    // no LF
            "{\"payload\":1,\"timestamp\":1}\n{\"timestamp\":1}\n", // two records
            "{\"payload\":1,\"timestamp\":2}\n",                  // timestamp is not the key
            "{\"payload\":1}\n",                                  // no timestamp
            "{\"timestamp\":1.0}\n",                              // not an integer
            "{\"timestamp\":\"1\"}\n",                            // a string
            "[1]\n",                                              // Rust's serde accepts a struct as array; we do not
            "not json\n",
            "{\"timestamp\":1,}\n",
            "{\"timestamp\":1}{}\n",                              // trailing characters
            "\n",
            "",
            "{\"timestamp\":1,\"timestamp\":1}\n"})               // duplicate field
    void invalidRecordThrowsAndWritesNothing_deviation2(String record) {
        Partition p = store.createPartition(ID, fixture(U64_MAX, 2));
        p.append(0, rec(0));
        Map<String, String> before = Files2.snapshot(p.directory());
        assertThatExceptionOfType(InvalidRecordException.class).isThrownBy(() -> p.append(1, utf8(record)));
        assertThat(Files2.snapshot(p.directory())).isEqualTo(before);
        assertThat(p.stats().appends()).isEqualTo(1);
        assertThat(keys(p.readRange(0, 10))).containsExactly(0L);
        p.append(1, rec(1));
        assertThat(keys(p.readRange(0, 10))).containsExactly(0L, 1L);
    }

    @Test
    void invalidFirstRecordCreatesNoChunk_deviation2() {
        Partition p = store.createPartition(ID, fixture(U64_MAX, 2));
        assertThatExceptionOfType(InvalidRecordException.class).isThrownBy(() -> p.append(7, rec(8)));
        assertThat(Layout.manifest(p.directory())).isEmptyFile();
        assertThat(Layout.chunkDirFiles(p.directory())).isEmpty();
        p.append(8, rec(8));
        assertThat(Layout.manifestChunkIds(p.directory())).containsExactly(8L);
    }

    @Test
    void recordWithCrBeforeLfIsAccepted() {
        Partition p = store.createPartition(ID, fixture(U64_MAX, 2));
        p.append(1, utf8("{\"timestamp\":1}\r\n"));
        assertThat(p.readRange(1, 1)).extracting(StoredRecord::text).containsExactly("{\"timestamp\":1}\r\n");
    }

    /** Deviation 12: stats() counts appends, bytes, current chunk size, syncs and chunks. */
    @Test
    void statsCountAppendsBytesChunkSizeSyncsAndChunks() {
        Partition p = store.createPartition(ID, fixture(150, 2));
        appendRange(p, 1, 7);
        p.sync();
        PartitionStats s = p.stats();
        assertThat(s.appends()).isEqualTo(7);
        assertThat(s.bytes()).isEqualTo(7 * 28);
        assertThat(s.currentChunkSize()).isEqualTo(2 * 28);
        assertThat(s.syncs()).isGreaterThanOrEqualTo(1);
        assertThat(s.chunks()).isEqualTo(2);
    }

    /** Deviation 12: close() syncs, so index lines of complete blocks are on disk after it. */
    @Test
    void closeSyncsAndWritesTheIndexLinesOfCompleteBlocks() throws Exception {
        Partition p = store.createPartition(ID, fixture(U64_MAX, 2));
        appendRange(p, 1, 5);
        Path dir = p.directory();
        store.close();
        assertThat(Layout.lines(Layout.index(dir, 1)))
                .containsExactly(RustFiles.block(1, 2, 0, 56), RustFiles.block(3, 4, 56, 56));
        assertThat(Files.size(Layout.chunk(dir, 1))).isEqualTo(140);
        store = Stores.open(root);
    }

    @Test
    void recordsAreReadableAsSoonAsAppendReturns() {
        Partition p = store.createPartition(ID, fixture(150, 2));
        for (long k = 1; k <= 30; k++) {
            p.append(k, rec(k));
            assertThat(p.lastRecord().map(StoredRecord::key)).contains(k);
            assertThat(keys(p.readRange(k, k))).containsExactly(k);
            assertThat(p.readRange(0, U64_MAX)).hasSize((int) k);
        }
    }
}
