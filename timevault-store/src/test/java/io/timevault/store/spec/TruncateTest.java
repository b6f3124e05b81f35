package io.timevault.store.spec;

import static io.timevault.store.support.Records.U64_MAX;
import static io.timevault.store.support.Records.keys;
import static io.timevault.store.support.Records.range;
import static io.timevault.store.support.Records.rec;
import static io.timevault.store.support.RustFiles.block;
import static io.timevault.store.support.RustFiles.closed;
import static io.timevault.store.support.RustFiles.open;
import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.store.Partition;
import io.timevault.store.StoredRecord;
import io.timevault.store.support.Layout;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Spec §6.7 (truncate_tests.rs) plus deviation 7 and the fix of §7 item 9 (closed last line reopened). */
class TruncateTest extends PartitionFixture {

    private static final UUID ID = UUID.fromString("a1b2c3d4-e5f6-4a0b-8c1d-2e3f4a5b6c7d");

    TruncateTest() {
        super(ID);
    }

    /** §6.7 item 38. */
    @Test
    void truncateAboveTheLastKeyChangesNothing() {
        Partition p = partition(U64_MAX, 100, 1, 5);
        p.sync();
        byte[] manifest = Layout.read(Layout.manifest(p.directory()));
        byte[] chunk = Layout.read(Layout.chunk(p.directory(), 1));
        p.truncate(10);
        assertThat(Layout.read(Layout.manifest(p.directory()))).isEqualTo(manifest);
        assertThat(Layout.read(Layout.chunk(p.directory(), 1))).isEqualTo(chunk);
        assertThat(keys(p.readRange(0, 100))).isEqualTo(range(1, 5));
    }

    /** §6.7 item 39. */
    @Test
    void truncateRemovesKeysAtAndAboveTheCutoff() {
        Partition p = partition(U64_MAX, 2, 1, 5);
        p.truncate(4);
        assertThat(keys(p.readRange(0, 100))).isEqualTo(range(1, 3));
        assertThat(p.lastRecord()).contains(new StoredRecord(3, rec(3)));
        assertThat(Layout.size(Layout.chunk(p.directory(), 1))).as("deviation 7: cut physically").isEqualTo(84);
        assertThat(keys(reopen().readRange(0, 100))).isEqualTo(range(1, 3));
    }

    /** §6.7 item 40: (80, 2) keys 1..20; truncating at the last chunk's min removes exactly that line. */
    @Test
    void truncateAtTheLastChunksMinRemovesExactlyThatLine() {
        Partition p = partition(80, 2, 1, 20);
        List<Long> ids = Layout.manifestChunkIds(p.directory());
        long lastMin = ids.get(ids.size() - 1);
        p.truncate(lastMin);
        assertThat(Layout.manifestChunkIds(p.directory())).isEqualTo(ids.subList(0, ids.size() - 1));
        assertThat(Layout.chunk(p.directory(), lastMin)).doesNotExist();
        assertThat(Layout.index(p.directory(), lastMin)).doesNotExist();
        assertThat(keys(p.readRange(0, 100))).isEqualTo(range(1, lastMin - 1));
    }

    /** §6.7 item 41. */
    @Test
    void truncateBelowTheFirstKeyEmptiesThePartition() {
        Partition p = partition(U64_MAX, 100, 10, 12);
        p.truncate(1);
        assertThat(Layout.manifest(p.directory())).isEmptyFile();
        assertThat(p.readRange(0, 1000)).isEmpty();
        assertThat(p.lastRecord()).isEmpty();
        assertThat(Layout.chunkDirFiles(p.directory())).isEmpty();
        p.append(5, rec(5));
        assertThat(keys(p.readRange(0, 1000))).containsExactly(5L);
    }

    /** §6.7 item 42: record 3 shares a block with 4 in the closed chunk and is kept. */
    @Test
    void truncateInsideAClosedChunkKeepsTheStraddlingBlocksLowerRecords() {
        Partition p = partition(150, 2, 1, 6);
        p.truncate(4);
        assertThat(keys(p.readRange(0, 100))).isEqualTo(range(1, 3));
        assertThat(Layout.lines(Layout.manifest(p.directory()))).containsExactly(closed(1, 1, 3));
        assertThat(Layout.lines(Layout.index(p.directory(), 1))).containsExactly(block(1, 2, 0, 56), block(3, 3, 56, 28));
    }

    /** §6.7 item 43. */
    @Test
    void truncateIsIdempotent() {
        Partition p = partition(U64_MAX, 2, 1, 5);
        p.truncate(4);
        byte[] manifest = Layout.read(Layout.manifest(p.directory()));
        p.truncate(4);
        assertThat(Layout.read(Layout.manifest(p.directory()))).isEqualTo(manifest);
        assertThat(p.readRange(0, 100)).hasSize(3);
    }

    /** §6.7 item 44: unindexed chunk. */
    @Test
    void truncateInsideAnUnindexedChunk() {
        Partition p = partition(U64_MAX, 100, 1, 5);
        p.truncate(4);
        assertThat(keys(p.readRange(0, 100))).isEqualTo(range(1, 3));
    }

    /** §6.7 item 45: (150, 2) keys 1..10 (closed 1..5, open 6..10), truncate(8). */
    @Test
    void truncateInsideTheOpenChunkKeepsTheClosedOnes() {
        Partition p = partition(150, 2, 1, 10);
        p.truncate(8);
        assertThat(keys(p.readRange(0, 100))).isEqualTo(range(1, 7));
        assertThat(Layout.lines(Layout.manifest(p.directory()))).containsExactly(closed(1, 1, 5), open(6, 6));
        assertThat(keys(reopen().readRange(0, 100))).isEqualTo(range(1, 7));
    }

    /** §6.7 item 46. */
    @Test
    void appendAfterTruncatingEverythingStartsAFreshChunkWithItsIndex() {
        Partition p = partition(U64_MAX, 1, 1, 1);
        p.truncate(1);
        p.append(2, rec(2));
        List<Long> ids = Layout.manifestChunkIds(p.directory());
        assertThat(ids).containsExactly(2L);
        assertThat(Layout.index(p.directory(), ids.get(0))).exists();
        assertThat(Layout.index(p.directory(), ids.get(0)).startsWith(p.directory())).isTrue();
    }

    /**
     * §7 item 9: after a truncate inside a closed chunk the last line is closed; Rust appends behind a stale max
     * and hides the new records from reads above it, and a later truncate misses them. We reopen the line.
     */
    @Test
    void appendAfterTruncateIntoAClosedChunkReopensItsLine_fixesRustStaleMax() {
        Partition p = partition(150, 2, 1, 6);
        p.truncate(4);
        p.append(4, rec(4));
        assertThat(Layout.lines(Layout.manifest(p.directory()))).containsExactly(open(1, 1));
        assertThat(keys(p.readRange(4, 4))).containsExactly(4L);
        p.truncate(4);
        assertThat(keys(p.readRange(0, 100))).isEqualTo(range(1, 3));
        p.append(4, rec(4));
        p.append(5, rec(5));
        p.append(6, rec(6));
        assertThat(keys(reopen().readRange(0, 100))).isEqualTo(range(1, 6));
    }

    /** Truncating exactly at the open chunk's min leaves a closed last line; the next append may roll from it. */
    @Test
    void appendAfterTruncatingAtTheOpenChunksMin() {
        Partition p = partition(150, 2, 1, 10);
        p.truncate(6);
        assertThat(Layout.lines(Layout.manifest(p.directory()))).containsExactly(closed(1, 1, 5));
        p.append(6, rec(6));
        assertThat(keys(p.readRange(6, 100))).containsExactly(6L);
        assertThat(keys(reopen().readRange(0, 100))).isEqualTo(range(1, 6));
    }

    /** Deviation 7: truncate is durable on return (a later crash cannot resurrect removed keys). */
    @Test
    void truncateIsDurableOnReturn() {
        Partition p = partition(150, 2, 1, 10);
        p.truncate(3);
        assertThat(Layout.lines(Layout.manifest(p.directory()))).containsExactly(closed(1, 1, 2));
        assertThat(Layout.size(Layout.chunk(p.directory(), 1))).isEqualTo(56);
        assertThat(Layout.chunk(p.directory(), 6)).doesNotExist();
        assertThat(Layout.lines(Layout.index(p.directory(), 1))).containsExactly(block(1, 2, 0, 56));
    }

    @Test
    void truncateDoesNotTouchThePurgePoint() {
        Partition p = partition(150, 2, 1, 10);
        p.purge(4);
        p.truncate(2);
        assertThat(p.readRange(0, 100)).isEmpty();
        assertThat(p.lastPurgeId()).hasValue(4);
        p.append(5, rec(5));
        assertThat(keys(reopen().readRange(0, 100))).containsExactly(5L);
    }
}
