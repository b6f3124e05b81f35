package io.timevault.store.spec;

import static io.timevault.store.support.Stores.SPEC_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.timevault.store.Partition;
import io.timevault.store.PartitionConfig;
import io.timevault.store.PartitionExistsException;
import io.timevault.store.PartitionNotFoundException;
import io.timevault.store.TimevaultStore;
import io.timevault.store.support.Files2;
import io.timevault.store.support.Layout;
import io.timevault.store.support.Records;
import io.timevault.store.support.RustFiles;
import io.timevault.store.support.Stores;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec §6.1 (create_partition_tests.rs) and the create/open rules of §1, §3.1, §3.2. */
class CreatePartitionTest {

    @TempDir
    Path root;

    /** §6.1 item 1. */
    @Test
    void createMakesTheDirectoriesMetadataAndAnEmptyManifest() {
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.createPartition(SPEC_ID, PartitionConfig.defaults());
            assertThat(p.id()).isEqualTo(SPEC_ID);
            Path dir = p.directory();
            assertThat(dir).isEqualTo(Layout.partitionDir(root, SPEC_ID));
            assertThat(store.partitionDirectory(SPEC_ID)).isEqualTo(dir);
            assertThat(dir.resolve("chunks")).isDirectory();
            assertThat(dir.resolve("tmp")).isDirectory();
            assertThat(dir.resolve("gc")).isDirectory();
            assertThat(Layout.readText(Layout.metadata(dir))).contains("jsonl");
            assertThat(Layout.manifest(dir)).exists().isEmptyFile();
        }
    }

    /** §6.1 item 2. */
    @Test
    void createdPartitionReopensWithTheSameId() {
        try (TimevaultStore store = Stores.open(root)) {
            store.createPartition(SPEC_ID, PartitionConfig.defaults());
        }
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(SPEC_ID);
            assertThat(p.id()).isEqualTo(SPEC_ID);
            assertThat(p.config()).isEqualTo(PartitionConfig.defaults());
            assertThat(p.recoveryReport().clean()).isTrue();
        }
    }

    /** §1.1: shards are bytes 14 and 15 in string order; the nil UUID maps to 00/00. */
    @Test
    void partitionDirectoriesAreShardedByBytesFourteenAndFifteen() {
        UUID nil = new UUID(0, 0);
        try (TimevaultStore store = Stores.open(root)) {
            assertThat(store.createPartition(nil, PartitionConfig.defaults()).directory())
                    .isEqualTo(root.resolve("partitions/00/00/00000000-0000-0000-0000-000000000000"));
            assertThat(store.partitionDirectory(SPEC_ID))
                    .isEqualTo(root.resolve("partitions/fa/87/13f98d87-e036-4804-829a-bcb965a9fa87"));
            assertThat(store.listPartitions()).containsExactly(nil);
        }
    }

    /** Deviation 8: timevault-rs's create overwrites an existing metadata.json (spec §7 item 32); ours refuses. */
    @Test
    void createOnAnExistingPartitionThrowsPartitionExists_deviationFromRustOverwrite() {
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.createPartition(SPEC_ID, PartitionConfig.defaults());
            p.append(1, Records.rec(1));
            p.purge(0);
        }
        byte[] metadata = Layout.read(Layout.metadata(Layout.partitionDir(root, SPEC_ID)));
        try (TimevaultStore store = Stores.open(root)) {
            assertThatExceptionOfType(PartitionExistsException.class)
                    .isThrownBy(() -> store.createPartition(SPEC_ID, PartitionConfig.defaults().withIndex(7, 0)))
                    .satisfies(e -> assertThat(e.partitionId()).isEqualTo(SPEC_ID));
        }
        assertThat(Layout.read(Layout.metadata(Layout.partitionDir(root, SPEC_ID)))).isEqualTo(metadata);
    }

    @Test
    void openOfAnUnknownPartitionThrowsPartitionNotFound() {
        try (TimevaultStore store = Stores.open(root)) {
            assertThatExceptionOfType(PartitionNotFoundException.class)
                    .isThrownBy(() -> store.openPartition(SPEC_ID))
                    .satisfies(e -> assertThat(e.partitionId()).isEqualTo(SPEC_ID));
        }
    }

    @Test
    void openOrCreateCreatesOnceThenOpens() {
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openOrCreatePartition(SPEC_ID, Stores.fixture(150, 2));
            p.append(1, Records.rec(1));
            assertThat(store.openOrCreatePartition(SPEC_ID, PartitionConfig.defaults())).isSameAs(p);
            assertThat(store.openPartition(SPEC_ID)).isSameAs(p);
        }
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openOrCreatePartition(SPEC_ID, PartitionConfig.defaults());
            assertThat(p.config()).isEqualTo(Stores.fixture(150, 2));
            assertThat(Records.keys(p.readRange(0, -1L))).containsExactly(1L);
        }
    }

    /** §1.2: a partition with only metadata.json (as the Rust tests make them) opens; deviation 8: it is empty. */
    @Test
    void partitionWithOnlyMetadataOpensEmpty_deviationMissingManifestIsEmpty() {
        new RustFiles.Builder(root, SPEC_ID).metadata(RustFiles.Meta.defaults());
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(SPEC_ID);
            assertThat(p.readRange(0, 100)).isEmpty();
            assertThat(p.lastRecord()).isEmpty();
            assertThat(p.lastPurgeId()).isEmpty();
            assertThat(p.stats().currentChunkSize()).isZero();
            p.append(100, Records.bare(100));
        }
        Path dir = Layout.partitionDir(root, SPEC_ID);
        assertThat(Layout.readText(Layout.manifest(dir))).isEqualTo(RustFiles.jsonl(RustFiles.open(100, 100)));
        assertThat(Layout.read(Layout.chunk(dir, 100))).isEqualTo(Records.bare(100));
    }

    @Test
    void metadataPluginNamesJsonAndJsonlStructAreAccepted() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        new RustFiles.Builder(root, a).metadata(RustFiles.Meta.defaults().withPlugin("json"));
        new RustFiles.Builder(root, b).metadata(RustFiles.Meta.defaults().withPlugin("jsonl_struct"));
        try (TimevaultStore store = Stores.open(root)) {
            store.openPartition(a).append(1, Records.rec(1));
            store.openPartition(b).append(1, Records.rec(1));
            assertThat(store.openPartition(a).format().name()).isIn("json", "jsonl");
            assertThat(store.openPartition(b).format().name()).isEqualTo("jsonl_struct");
        }
    }

    @Test
    void listPartitionsReportsEveryThirdLevelDirectoryNamedByAUuid() {
        UUID a = UUID.fromString("00000000-0000-0000-0000-00000000ab01");
        UUID b = UUID.fromString("ffffffff-0000-0000-0000-00000000ab02");
        try (TimevaultStore store = Stores.open(root)) {
            store.createPartition(a, PartitionConfig.defaults());
            store.createPartition(b, PartitionConfig.defaults());
            Files2.write(root.resolve("partitions/ab/03/not-a-uuid/metadata.json"), "{}");
            assertThat(store.listPartitions()).containsExactlyInAnyOrder(a, b);
        }
    }
}
