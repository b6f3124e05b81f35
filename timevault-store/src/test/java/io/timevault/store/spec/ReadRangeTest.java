package io.timevault.store.spec;

import static io.timevault.store.support.Records.bare;
import static io.timevault.store.support.Records.keys;
import static io.timevault.store.support.RustFiles.block;
import static io.timevault.store.support.RustFiles.closed;
import static io.timevault.store.support.RustFiles.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.timevault.store.InvalidRangeException;
import io.timevault.store.MissingFileException;
import io.timevault.store.Partition;
import io.timevault.store.TimevaultStore;
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
 * Spec §6.4 (read_range_tests.rs). The Rust tests use opaque chunk bytes ({@code ABCDEFGH}); our engine parses
 * records, so every fixture here holds real {@code {"timestamp":N}} records with the same manifest and block
 * layout. Deviation 10: we return exactly the records with {@code from <= key <= to}, where Rust returns whole
 * blocks (plus the unindexed tail) and lets the caller filter.
 */
class ReadRangeTest {

    private static final UUID ID = UUID.fromString("3a7c5e10-91b2-4d0e-8c3f-5d6e7f8091a2");

    @TempDir
    Path root;

    private RustFiles.Builder fixture() {
        return new RustFiles.Builder(root, ID).metadata(Meta.defaults());
    }

    private static byte[] bares(long... keys) {
        List<byte[]> parts = new java.util.ArrayList<>();
        for (long k : keys) {
            parts.add(bare(k));
        }
        return Records.concat(parts);
    }

    /** §6.4 item 15. */
    @Test
    void fromAboveToIsAnInvalidRange() {
        fixture();
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThatExceptionOfType(InvalidRangeException.class).isThrownBy(() -> p.readRange(10, 5));
        }
    }

    /** §6.4 item 16 with deviation 8: Rust fails with MissingFile(manifest); a missing manifest is empty for us. */
    @Test
    void metadataOnlyPartitionReadsEmpty_deviationMissingManifestIsEmpty() {
        fixture();
        try (TimevaultStore store = Stores.open(root)) {
            assertThat(store.openPartition(ID).readRange(0, 100)).isEmpty();
        }
    }

    /** §6.4 item 17: a closed chunk listed in the manifest without its file. We fail at open, naming the chunk. */
    @Test
    void closedChunkWithoutItsFileFailsNamingTheChunk() {
        fixture().manifest(closed(100, 100, 200));
        Path chunk = Layout.chunk(Layout.partitionDir(root, ID), 100);
        try (TimevaultStore store = Stores.open(root)) {
            assertThatExceptionOfType(MissingFileException.class)
                    .isThrownBy(() -> store.openPartition(ID).readRange(0, 300))
                    .satisfies(e -> assertThat(e.file()).isEqualTo(chunk));
        }
    }

    @Test
    void closedNonLastChunkWithoutItsFileFailsNamingTheChunk() {
        fixture().manifest(closed(100, 100, 200), open(300, 300)).chunk(300, bare(300)).index(300);
        Path chunk = Layout.chunk(Layout.partitionDir(root, ID), 100);
        try (TimevaultStore store = Stores.open(root)) {
            assertThatExceptionOfType(MissingFileException.class)
                    .isThrownBy(() -> store.openPartition(ID).readRange(0, 400))
                    .satisfies(e -> assertThat(e.file()).isEqualTo(chunk));
        }
    }

    /** §6.4 item 18: Rust fails with MissingFile(index) on a partial read; we read the chunk without its index. */
    @Test
    void closedChunkWithoutIndexIsReadExactly_deviationRustNeedsTheIndex() {
        fixture().manifest(closed(100, 100, 300)).chunk(100, bares(100, 150, 200, 250, 300));
        try (TimevaultStore store = Stores.open(root)) {
            assertThat(keys(store.openPartition(ID).readRange(150, 250))).containsExactly(150L, 200L, 250L);
        }
    }

    /** §6.4 item 19: the whole-chunk fast path. */
    @Test
    void closedChunkInsideTheRangeIsReadWhole() {
        fixture().manifest(closed(100, 100, 300)).chunk(100, bares(100, 200, 300));
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(Records.bytes(p.readRange(50, 400))).isEqualTo(bares(100, 200, 300));
        }
    }

    /** §6.4 item 20: blocks [100,199], [200,299], [300,399]; deviation 10: exact records, not whole blocks. */
    @Test
    void blockSelectionReturnsExactlyTheRecordsInRange_deviation10() {
        byte[] a = bares(100, 150, 199);
        byte[] b = bares(200, 250, 299);
        byte[] c = bares(300, 350, 399);
        fixture().manifest(closed(100, 100, 500))
                .chunk(100, Records.concat(List.of(a, b, c)))
                .index(100, block(100, 199, 0, a.length), block(200, 299, a.length, b.length),
                        block(300, 399, a.length + b.length, c.length));
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(keys(p.readRange(210, 320))).containsExactly(250L, 299L, 300L);
            assertThat(keys(p.readRange(50, 120))).containsExactly(100L);
            assertThat(keys(p.readRange(250, 260))).containsExactly(250L);
            assertThat(keys(p.readRange(199, 200))).containsExactly(199L, 200L);
            assertThat(keys(p.readRange(400, 500))).isEmpty();
            assertThat(Records.bytes(p.readRange(210, 320))).isEqualTo(bares(250, 299, 300));
        }
    }

    /** §6.4 item 21. */
    @Test
    void rangesOutsideAChunkAreEmpty() {
        fixture().manifest(closed(100, 100, 200)).chunk(100, bares(100, 150, 200));
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(p.readRange(0, 50)).isEmpty();
            assertThat(p.readRange(300, 400)).isEmpty();
        }
    }

    /** §6.4 item 22: chunk 0 [0,49] and chunk 50 [50,99]; results concatenated in manifest order. */
    @Test
    void recordsOfSeveralChunksAreConcatenatedInOrder() {
        fixture().manifest(closed(0, 0, 49), closed(50, 50, 99))
                .chunk(0, bares(0, 10, 49)).index(0, block(0, 49, 0, 16 + 17 + 17))
                .chunk(50, bares(50, 99)).index(50, block(50, 99, 0, 34));
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(keys(p.readRange(0, 200))).containsExactly(0L, 10L, 49L, 50L, 99L);
            assertThat(Records.bytes(p.readRange(0, 200))).isEqualTo(bares(0, 10, 49, 50, 99));
        }
    }

    /** §3.8 reads the open chunk's unindexed tail; we return it only where it is in range (deviation 10). */
    @Test
    void openChunkTailIsReadOnlyWhereInRange_deviation10() {
        fixture().manifest(closed(100, 100, 101), open(102, 102))
                .chunk(100, bares(100, 101)).index(100, block(100, 101, 0, 36))
                .chunk(102, bares(102, 103, 104)).index(102);
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(keys(p.readRange(100, 100))).containsExactly(100L);
            assertThat(keys(p.readRange(103, 1000))).containsExactly(103L, 104L);
            assertThat(keys(p.readRange(0, Records.U64_MAX))).containsExactly(100L, 101L, 102L, 103L, 104L);
        }
    }
}
