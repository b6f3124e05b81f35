package io.timevault.store.spec;

import static io.timevault.store.support.Records.U64_MAX;
import static io.timevault.store.support.Records.keys;
import static io.timevault.store.support.Records.range;
import static io.timevault.store.support.Records.rec;
import static io.timevault.store.support.RustFiles.closed;
import static io.timevault.store.support.RustFiles.open;
import static io.timevault.store.support.Stores.appendRange;
import static io.timevault.store.support.Stores.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.timevault.store.OutOfOrderAppendException;
import io.timevault.store.Partition;
import io.timevault.store.PartitionConfig;
import io.timevault.store.RecoveryReport.RepairKind;
import io.timevault.store.StoredRecord;
import io.timevault.store.support.Files2;
import io.timevault.store.support.Layout;
import io.timevault.store.support.RustFiles;
import io.timevault.store.support.Stores;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Spec §6.6 (purge_tests.rs), adjusted for deviation 6: purge writes {@code last_purge_id} first, deletes whole
 * chunks, and hides (does not rewrite) the keys of the straddling chunk.
 */
class PurgeTest extends PartitionFixture {

    private static final UUID ID = UUID.fromString("5c4b3a29-1807-4f6e-8d5c-4b3a29180706");

    PurgeTest() {
        super(ID);
    }

    /** §6.6 item 30. */
    @Test
    void purgeBelowTheFirstKeyChangesNoRecordAndNoManifestByte() {
        Partition p = partition(U64_MAX, 2, 5, 9);
        byte[] manifest = Layout.read(Layout.manifest(p.directory()));
        p.purge(1);
        assertThat(Layout.read(Layout.manifest(p.directory()))).isEqualTo(manifest);
        assertThat(keys(p.readRange(0, 100))).isEqualTo(range(5, 9));
        assertThat(p.lastPurgeId()).hasValue(1);
    }

    /** §6.6 item 31. */
    @Test
    void purgeHidesKeysAtOrBelowTheCutoff() {
        Partition p = partition(U64_MAX, 2, 1, 5);
        p.purge(3);
        assertThat(keys(p.readRange(4, 100))).containsExactly(4L, 5L);
        assertThat(keys(p.readRange(0, 100))).containsExactly(4L, 5L);
        assertThat(p.readRange(0, 3)).isEmpty();
        assertThat(keys(reopen().readRange(0, 100))).containsExactly(4L, 5L);
    }

    /** §6.6 item 32. */
    @Test
    void lastRecordSurvivesAPurgeBelowIt() {
        Partition p = partition(U64_MAX, 2, 1, 5);
        p.purge(3);
        assertThat(p.lastRecord()).contains(new StoredRecord(5, rec(5)));
        assertThat(reopen().lastRecord()).contains(new StoredRecord(5, rec(5)));
    }

    /** §6.6 item 33: (80, 2) keys 1..20 make 10 chunks; purging the first chunk's max removes its line and files. */
    @Test
    void purgeAtTheFirstChunksMaxRemovesExactlyTheFirstLine() {
        Partition p = partition(80, 2, 1, 20);
        List<Long> ids = Layout.manifestChunkIds(p.directory());
        assertThat(ids).hasSize(10);
        p.purge(2);
        assertThat(Layout.manifestChunkIds(p.directory())).isEqualTo(ids.subList(1, ids.size()));
        assertThat(Layout.chunk(p.directory(), 1)).doesNotExist();
        assertThat(Layout.index(p.directory(), 1)).doesNotExist();
        assertThat(keys(p.readRange(0, 100))).isEqualTo(range(3, 20));
    }

    /** §6.6 item 34, plus deviation 1: after emptying, keys at or below the purge point are refused. */
    @Test
    void purgeBeyondTheLastKeyEmptiesThePartitionAndRefusesOldKeys_deviation1() {
        Partition p = partition(U64_MAX, 100, 10, 12);
        p.purge(20);
        assertThat(Layout.manifest(p.directory())).isEmptyFile();
        assertThat(p.readRange(0, 1000)).isEmpty();
        assertThat(p.lastRecord()).isEmpty();
        assertThat(p.lastPurgeId()).hasValue(20);
        assertThatExceptionOfType(OutOfOrderAppendException.class).isThrownBy(() -> p.append(15, rec(15)));
        assertThatExceptionOfType(OutOfOrderAppendException.class).isThrownBy(() -> p.append(20, rec(20)));
        p.append(21, rec(21));
        assertThat(keys(p.readRange(0, 1000))).containsExactly(21L);
        Partition q = reopen();
        assertThat(q.lastPurgeId()).hasValue(20);
        assertThatExceptionOfType(OutOfOrderAppendException.class).isThrownBy(() -> q.append(20, rec(20)));
        assertThat(keys(q.readRange(0, 1000))).containsExactly(21L);
    }

    /** §6.6 item 35: keys 1..5 with max_records 100 (empty index). */
    @Test
    void purgeInsideAnUnindexedChunk() {
        Partition p = partition(U64_MAX, 100, 1, 5);
        p.purge(3);
        assertThat(keys(p.readRange(0, 100))).containsExactly(4L, 5L);
    }

    /** §6.6 item 36: (150, 2) keys 1..6, chunk 1 closed 1..5, chunk 6 open. */
    @Test
    void purgeInsideAClosedChunkKeepsTheRest() {
        Partition p = partition(150, 2, 1, 6);
        p.purge(3);
        List<StoredRecord> all = p.readRange(0, 100);
        assertThat(all).hasSize(3);
        assertThat(all.get(0).text()).contains("\"timestamp\":4");
        // the straddling line keeps min 1 (<= last_purge_id 3): timevault-rs replays the purge on open
        assertThat(Layout.lines(Layout.manifest(p.directory()))).containsExactly(closed(1, 1, 5), open(6, 6));
    }

    /** §6.6 item 37. */
    @Test
    void purgeIsIdempotent() {
        Partition p = partition(U64_MAX, 2, 1, 5);
        p.purge(3);
        byte[] manifest = Layout.read(Layout.manifest(p.directory()));
        p.purge(3);
        assertThat(Layout.read(Layout.manifest(p.directory()))).isEqualTo(manifest);
        assertThat(p.readRange(0, 100)).hasSize(2);
    }

    /** Deviation 6 / §7 item 16: Rust overwrites last_purge_id with a smaller value; ours never decreases. */
    @Test
    void smallerPurgeIsIgnored_deviationFromRustOverwrite() {
        Partition p = partition(U64_MAX, 2, 1, 10);
        p.purge(5);
        byte[] metadata = Layout.read(Layout.metadata(p.directory()));
        p.purge(3);
        assertThat(p.lastPurgeId()).hasValue(5);
        assertThat(Layout.read(Layout.metadata(p.directory()))).isEqualTo(metadata);
        assertThat(keys(p.readRange(0, 100))).isEqualTo(range(6, 10));
        assertThat(reopen().lastPurgeId()).hasValue(5);
    }

    /** Deviation 6: purge is durable on return, metadata first; the straddling chunk's bytes stay. */
    @Test
    void purgeIsDurableOnReturnAndKeepsTheStraddlingChunksBytes_deviation6() {
        Partition p = partition(150, 2, 1, 10);
        byte[] chunk6 = Layout.read(Layout.chunk(p.directory(), 6));
        p.purge(7);
        assertThat(Layout.readText(Layout.metadata(p.directory()))).endsWith("\"last_purge_id\":7}");
        assertThat(Layout.lines(Layout.manifest(p.directory()))).as("the straddling line is left as it is")
                .containsExactly(open(6, 6));
        assertThat(Layout.read(Layout.chunk(p.directory(), 6))).isEqualTo(chunk6);
        assertThat(Layout.chunk(p.directory(), 1)).doesNotExist();
        assertThat(keys(p.readRange(0, 100))).isEqualTo(range(8, 10));
        assertThat(keys(p.readRange(6, 8))).containsExactly(8L);
        p.append(11, rec(11));
        assertThat(keys(reopen().readRange(0, 100))).isEqualTo(range(8, 11));
    }

    @Test
    void purgeOfTheStraddlingChunksLastKeyHidesTheWholeOpenChunk() {
        Partition p = partition(150, 2, 1, 10);
        p.purge(10);
        assertThat(p.readRange(0, 100)).isEmpty();
        assertThat(p.lastRecord()).isEmpty();
        assertThatExceptionOfType(OutOfOrderAppendException.class).isThrownBy(() -> p.append(10, rec(10)));
        p.append(11, rec(11));
        Partition q = reopen();
        assertThat(keys(q.readRange(0, 100))).containsExactly(11L);
        assertThat(q.lastRecord().map(StoredRecord::key)).contains(11L);
    }

    /** Logical purge (as in Rust): only last_purge_id is recorded; no data is removed or hidden. */
    @Test
    void logicalPurgeOnlyRecordsThePurgePoint() {
        Partition p = store.createPartition(ID, fixture(150, 2).withLogicalPurge(true));
        appendRange(p, 1, 10);
        p.purge(7);
        assertThat(p.lastPurgeId()).hasValue(7);
        assertThat(Layout.manifestChunkIds(p.directory())).containsExactly(1L, 6L);
        assertThat(keys(p.readRange(0, 100))).isEqualTo(range(1, 10));
        Partition q = reopen();
        assertThat(q.lastPurgeId()).hasValue(7);
        assertThat(keys(q.readRange(0, 100))).isEqualTo(range(1, 10));
        assertThat(q.recoveryReport().has(RepairKind.PURGE_COMPLETED)).isFalse();
    }

    /** Deviation 6: metadata says 7 but a crash left the whole-chunk deletion undone; the next open completes it. */
    @Test
    void crashAfterTheMetadataWriteIsCompletedOnOpen() {
        Partition p = partition(150, 2, 1, 10);
        Path dir = p.directory();
        store.close();
        Files2.write(Layout.metadata(dir), RustFiles.metadataJson(ID, RustFiles.Meta.fixture(150, 2).withLastPurgeId(7L)));
        store = Stores.open(root);
        Partition q = store.openPartition(ID);
        assertThat(q.recoveryReport().has(RepairKind.PURGE_COMPLETED)).as(q.recoveryReport().toString()).isTrue();
        assertThat(keys(q.readRange(0, 100))).isEqualTo(range(8, 10));
        assertThat(Layout.lines(Layout.manifest(dir))).containsExactly(open(6, 6));
        assertThat(Layout.chunk(dir, 1)).doesNotExist();
        assertThat(Layout.index(dir, 1)).doesNotExist();
    }

    /**
     * Files of an earlier version of this engine raised the straddling chunk's min instead of keeping it; if
     * timevault-rs then lowers last_purge_id (spec §7 item 16), the records below that min must stay hidden.
     */
    @Test
    void recordsBelowARaisedManifestMinStayHiddenWhenLastPurgeIdIsLowered() {
        Partition p = partition(150, 2, 1, 10);
        p.purge(7);
        Path dir = p.directory();
        store.close();
        Files2.write(Layout.manifest(dir), open(6, 8) + "\n");
        Files2.write(Layout.metadata(dir), RustFiles.metadataJson(ID, RustFiles.Meta.fixture(150, 2).withLastPurgeId(3L)));
        store = Stores.open(root);
        Partition q = store.openPartition(ID);
        assertThat(q.lastPurgeId()).hasValue(3);
        assertThat(keys(q.readRange(0, 100))).isEqualTo(range(8, 10));
        assertThat(keys(q.readRange(6, 8))).containsExactly(8L);
    }

    /** A purge through the straddling chunk changes no manifest byte; a rw reopen finds nothing to complete. */
    @Test
    void purgeInsideTheOnlyChunkRewritesNoManifestAndReopensClean() {
        Partition p = partition(U64_MAX, 2, 1, 10);
        byte[] manifest = Layout.read(Layout.manifest(p.directory()));
        p.purge(6);
        assertThat(Layout.read(Layout.manifest(p.directory()))).isEqualTo(manifest);
        Partition q = reopen();
        assertThat(q.recoveryReport().clean()).as(q.recoveryReport().toString()).isTrue();
        assertThat(keys(q.readRange(0, 100))).isEqualTo(range(7, 10));
        assertThat(q.lastRecord().map(StoredRecord::key)).contains(10L);
    }

    /** A truncate inside the purged head leaves purged records only: that chunk goes, as a purge would delete it. */
    @Test
    void truncateInsideThePurgedHeadDeletesTheChunkAndReopensClean() {
        Partition p = partition(150, 2, 1, 10);
        p.purge(8);
        p.truncate(8);
        assertThat(p.readRange(0, 100)).isEmpty();
        assertThat(p.lastRecord()).isEmpty();
        assertThat(Layout.manifest(p.directory())).isEmptyFile();
        assertThat(Layout.chunk(p.directory(), 6)).doesNotExist();
        p.append(9, rec(9));
        Partition q = reopen();
        assertThat(q.recoveryReport().clean()).as(q.recoveryReport().toString()).isTrue();
        assertThat(keys(q.readRange(0, 100))).containsExactly(9L);
    }

    @Test
    void purgeOnAnEmptyPartitionOnlyRecordsThePurgePoint() {
        Partition p = store.createPartition(ID, PartitionConfig.defaults());
        p.purge(5);
        assertThat(p.lastPurgeId()).hasValue(5);
        assertThat(Layout.manifest(p.directory())).isEmptyFile();
        assertThatExceptionOfType(OutOfOrderAppendException.class).isThrownBy(() -> p.append(5, rec(5)));
        p.append(6, rec(6));
    }
}
