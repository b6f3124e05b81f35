package io.timevault.store.recovery;

import static io.timevault.store.support.Records.U64_MAX;
import static io.timevault.store.support.Records.keys;
import static io.timevault.store.support.Records.range;
import static io.timevault.store.support.Records.rec;
import static io.timevault.store.support.RustFiles.closed;
import static io.timevault.store.support.RustFiles.open;
import static io.timevault.store.support.Stores.SPEC_ID;
import static io.timevault.store.support.Stores.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.timevault.store.Partition;
import io.timevault.store.PartitionConfig;
import io.timevault.store.ReadOnlyException;
import io.timevault.store.RecoveryReport.RepairKind;
import io.timevault.store.TimevaultStore;
import io.timevault.store.support.Files2;
import io.timevault.store.support.Layout;
import io.timevault.store.support.Records;
import io.timevault.store.support.RustFiles;
import io.timevault.store.support.Stores;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deviation 9: a read-only store never writes, creates or deletes a byte — repairs happen in memory only — and
 * every write throws {@link ReadOnlyException}. timevault-rs creates {@code partitions/} and replays purges even in
 * read-only mode (spec §7 item 34). Each test snapshots the whole tree before and after.
 */
class ReadOnlyTest {

    @TempDir
    Path root;

    private Path dir() {
        return Layout.partitionDir(root, SPEC_ID);
    }

    @Test
    void readOnlyOpenOfAMissingRootCreatesNothing() {
        Path missing = root.resolve("absent");
        try (TimevaultStore store = Stores.openReadOnly(missing)) {
            assertThat(store.readOnly()).isTrue();
            assertThat(store.listPartitions()).isEmpty();
        }
        assertThat(missing).doesNotExist();
    }

    @Test
    void readOnlyStoreTakesNoLockAndOpensWhileAWriterHoldsIt() {
        try (TimevaultStore writer = Stores.open(root)) {
            Partition w = writer.createPartition(SPEC_ID, fixture(150, 2));
            Stores.appendRange(w, 1, 10);
            w.sync();
            byte[] lock = Layout.read(Layout.lockFile(root));
            try (TimevaultStore reader = Stores.openReadOnly(root)) {
                Partition r = reader.openPartition(SPEC_ID);
                assertThat(r.readOnly()).isTrue();
                assertThat(keys(r.readRange(0, U64_MAX))).isEqualTo(range(1, 10));
            }
            assertThat(Layout.read(Layout.lockFile(root))).isEqualTo(lock);
        }
    }

    @Test
    void everyWriteThrowsReadOnlyAndChangesNothing() {
        Stores.written(root, SPEC_ID, fixture(150, 2), 1, 10);
        Map<String, String> before = Files2.snapshot(root);
        try (TimevaultStore store = Stores.openReadOnly(root)) {
            Partition p = store.openPartition(SPEC_ID);
            assertThatExceptionOfType(ReadOnlyException.class).isThrownBy(() -> p.append(11, rec(11)));
            assertThatExceptionOfType(ReadOnlyException.class).isThrownBy(() -> p.purge(3));
            assertThatExceptionOfType(ReadOnlyException.class).isThrownBy(() -> p.truncate(3));
            assertThatExceptionOfType(ReadOnlyException.class)
                    .isThrownBy(() -> store.createPartition(UUID.randomUUID(), PartitionConfig.defaults()));
            assertThatExceptionOfType(ReadOnlyException.class)
                    .isThrownBy(() -> store.openOrCreatePartition(UUID.randomUUID(), PartitionConfig.defaults()));
            assertThat(keys(p.readRange(0, U64_MAX))).isEqualTo(range(1, 10));
        }
        assertThat(Files2.snapshot(root)).isEqualTo(before);
    }

    @Test
    void tornTailIsHiddenNotCut() {
        Stores.written(root, SPEC_ID, fixture(150, 2), 1, 10);
        Files2.append(Layout.chunk(dir(), 6), Records.utf8("{\"payload\":11,\"time"));
        Map<String, String> before = Files2.snapshot(root);
        try (TimevaultStore store = Stores.openReadOnly(root)) {
            Partition p = store.openPartition(SPEC_ID);
            assertThat(p.recoveryReport().has(RepairKind.TAIL_TRUNCATED)).isTrue();
            assertThat(keys(p.readRange(0, U64_MAX))).isEqualTo(range(1, 10));
            assertThat(keys(p.readRange(10, U64_MAX))).containsExactly(10L);
            assertThat(p.lastRecord().map(r -> r.key())).contains(10L);
        }
        assertThat(Files2.snapshot(root)).isEqualTo(before);
    }

    @Test
    void pendingPurgeTempFilesOrphansAndABadIndexAreLeftOnDisk() {
        Stores.written(root, SPEC_ID, fixture(150, 2), 1, 12);
        Files2.write(Layout.metadata(dir()), RustFiles.metadataJson(SPEC_ID, RustFiles.Meta.fixture(150, 2).withLastPurgeId(7L)));
        Files2.write(dir().resolve("manifest.json.tmp"), "junk");
        Files2.write(dir().resolve("chunks/0000000000000099.chunk"), rec(99));
        Files2.delete(Layout.index(dir(), 1));
        Files2.write(Layout.index(dir(), 11), "{\"block_min_key\":11,\"blo");
        Map<String, String> before = Files2.snapshot(root);
        try (TimevaultStore store = Stores.openReadOnly(root)) {
            Partition p = store.openPartition(SPEC_ID);
            assertThat(p.lastPurgeId()).hasValue(7);
            assertThat(keys(p.readRange(0, U64_MAX))).isEqualTo(range(8, 12));
            assertThat(keys(p.readRange(0, 9))).containsExactly(8L, 9L);
        }
        assertThat(Files2.snapshot(root)).isEqualTo(before);
    }

    @Test
    void emptyOpenLastLineIsDroppedInMemoryOnly() {
        Stores.written(root, SPEC_ID, fixture(150, 2), 1, 5);
        Files2.write(Layout.manifest(dir()), RustFiles.jsonl(closed(1, 1, 5), open(6, 6)));
        Files2.write(Layout.chunk(dir(), 6), new byte[0]);
        Map<String, String> before = Files2.snapshot(root);
        try (TimevaultStore store = Stores.openReadOnly(root)) {
            Partition p = store.openPartition(SPEC_ID);
            assertThat(p.recoveryReport().has(RepairKind.MANIFEST_LINE_REMOVED)).isTrue();
            assertThat(keys(p.readRange(0, U64_MAX))).isEqualTo(range(1, 5));
        }
        assertThat(Files2.snapshot(root)).isEqualTo(before);
    }
}
