package io.timevault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import io.timevault.store.support.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionSmokeTest {

    static final UUID ID = UUID.fromString("13f98d87-e036-4804-829a-bcb965a9fa87");

    @TempDir
    Path root;

    static byte[] rec(long k) {
        return ("{\"payload\":" + k + ",\"timestamp\":" + k + "}\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void rollExampleMatchesSpecWorkedExample() throws Exception {
        try (TimevaultStore store = TimevaultStore.open(root, StoreOptions.DEFAULTS)) {
            Partition p = store.createPartition(ID, PartitionConfig.defaults().withChunkRoll(150, 0).withIndex(2, 0));
            for (long k = 1; k <= 10; k++) {
                p.append(k, rec(k));
            }
            p.sync();
            Path dir = p.directory();
            assertThat(dir.toString()).endsWith("partitions/fa/87/" + ID);
            assertThat(Files.readString(dir.resolve("manifest.jsonl"))).isEqualTo(
                    "{\"chunk_id\":1,\"min_order_key\":1,\"max_order_key\":5}\n{\"chunk_id\":6,\"min_order_key\":6}\n");
            assertThat(Layout.withoutCrc(Files.readString(dir.resolve("chunks/0000000000000001.index")))).isEqualTo(
                    "{\"block_min_key\":1,\"block_max_key\":2,\"file_offset_bytes\":0,\"block_len_bytes\":56}\n"
                    + "{\"block_min_key\":3,\"block_max_key\":4,\"file_offset_bytes\":56,\"block_len_bytes\":56}\n"
                    + "{\"block_min_key\":5,\"block_max_key\":5,\"file_offset_bytes\":112,\"block_len_bytes\":28}\n");
            assertThat(Layout.withoutCrc(Files.readString(dir.resolve("chunks/0000000000000006.index")))).isEqualTo(
                    "{\"block_min_key\":6,\"block_max_key\":7,\"file_offset_bytes\":0,\"block_len_bytes\":56}\n"
                    + "{\"block_min_key\":8,\"block_max_key\":9,\"file_offset_bytes\":56,\"block_len_bytes\":56}\n");
            assertThat(Files.size(dir.resolve("chunks/0000000000000006.chunk"))).isEqualTo(142);
            assertThat(p.readRange(3, 7)).extracting(StoredRecord::key).containsExactly(3L, 4L, 5L, 6L, 7L);
            assertThat(p.readRange(0, 100)).hasSize(10);
            assertThatExceptionOfType(OutOfOrderAppendException.class).isThrownBy(() -> p.append(9, rec(9)));
            p.purge(3);
            assertThat(p.readRange(0, 100)).extracting(StoredRecord::key).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L);
            p.truncate(8);
            assertThat(p.readRange(0, 100)).extracting(StoredRecord::key).containsExactly(4L, 5L, 6L, 7L);
            assertThat(p.lastRecord()).map(StoredRecord::key).contains(7L);
            p.append(8, rec(8));
        }
        try (TimevaultStore store = TimevaultStore.open(root, StoreOptions.DEFAULTS)) {
            Partition p = store.openPartition(ID);
            assertThat(p.recoveryReport().repairs()).isEmpty();
            assertThat(p.readRange(0, 100)).extracting(StoredRecord::key).containsExactly(4L, 5L, 6L, 7L, 8L);
            assertThat(p.lastPurgeId()).hasValue(3);
            p.truncate(5);
            assertThat(p.readRange(0, 100)).extracting(StoredRecord::key).containsExactly(4L);
            assertThat(Files.readString(p.directory().resolve("manifest.jsonl"))).isEqualTo(
                    "{\"chunk_id\":1,\"min_order_key\":1,\"max_order_key\":4}\n");
            p.append(5, rec(5));
            assertThat(Files.readString(p.directory().resolve("manifest.jsonl"))).isEqualTo(
                    "{\"chunk_id\":1,\"min_order_key\":1}\n");
            p.purge(100);
            assertThat(p.readRange(0, 1000)).isEmpty();
            assertThat(p.lastRecord()).isEmpty();
            assertThatExceptionOfType(OutOfOrderAppendException.class).isThrownBy(() -> p.append(100, rec(100)));
            p.append(101, rec(101));
            assertThat(p.readRange(0, 1000)).extracting(StoredRecord::key).containsExactly(101L);
            assertThatExceptionOfType(StoreLockedException.class).isThrownBy(() -> TimevaultStore.open(root, StoreOptions.DEFAULTS));
        }
    }

    @Test
    void tornTailIsCutAndLastRecordRecoveredWhenIndexEndsAtEof() throws Exception {
        Path dir;
        try (TimevaultStore store = TimevaultStore.open(root, StoreOptions.DEFAULTS)) {
            Partition p = store.createPartition(ID, PartitionConfig.defaults().withIndex(2, 0));
            for (long k = 1; k <= 4; k++) {
                p.append(k, rec(k));
            }
            dir = p.directory();
        }
        try (TimevaultStore store = TimevaultStore.open(root, StoreOptions.DEFAULTS)) {
            Partition p = store.openPartition(ID);
            assertThat(p.recoveryReport().clean()).isTrue();
            assertThat(p.lastRecord()).map(StoredRecord::key).contains(4L);
        }
        Files.write(dir.resolve("chunks/0000000000000001.chunk"), "{\"payload\":5,\"time".getBytes(StandardCharsets.UTF_8),
                java.nio.file.StandardOpenOption.APPEND);
        try (TimevaultStore store = TimevaultStore.open(root, StoreOptions.DEFAULTS)) {
            Partition p = store.openPartition(ID);
            assertThat(p.recoveryReport().has(RecoveryReport.RepairKind.TAIL_TRUNCATED)).isTrue();
            assertThat(p.readRange(0, 10)).hasSize(4);
            p.append(5, rec(5));
            assertThat(p.readRange(0, 10)).hasSize(5);
        }
    }

    @Test
    void syncsRacingRollsAndReadsNeverFenceThePartition() throws Exception {
        try (TimevaultStore store = TimevaultStore.open(root, StoreOptions.DEFAULTS)) {
            Partition p = store.createPartition(ID, PartitionConfig.defaults().withChunkRoll(200, 0).withIndex(2, 0));
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicReference<Throwable> error = new java.util.concurrent.atomic.AtomicReference<>();
            Thread syncer = new Thread(() -> {
                try {
                    while (!done.get()) {
                        p.sync();
                        p.readRange(0, Long.MAX_VALUE);
                    }
                } catch (Throwable t) {
                    error.set(t);
                }
            });
            syncer.start();
            for (long k = 1; k <= 3000; k++) {
                p.append(k, rec(k));
            }
            done.set(true);
            syncer.join();
            assertThat(error.get()).isNull();
            assertThat(p.failure()).isEmpty();
            assertThat(p.stats().chunks()).isGreaterThan(ChannelCache.MAX_READ_CHANNELS);
            assertThat(p.readRange(0, 5000)).extracting(StoredRecord::key)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 3000).boxed().toList());
        }
    }
}
