package io.timevault.store.torn;

import static io.timevault.store.support.Records.U64_MAX;
import static io.timevault.store.support.Records.keys;
import static io.timevault.store.support.Records.range;
import static io.timevault.store.support.Records.rec;
import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.store.Partition;
import io.timevault.store.PartitionConfig;
import io.timevault.store.RecoveryReport;
import io.timevault.store.RecoveryReport.RepairKind;
import io.timevault.store.StoredRecord;
import io.timevault.store.TimevaultStore;
import io.timevault.store.support.DiskInvariants;
import io.timevault.store.support.Files2;
import io.timevault.store.support.Layout;
import io.timevault.store.support.Stores;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Torn writes: the last chunk cut at every byte offset inside its last record, and the last chunk's index cut at
 * every byte offset of its last line. Open must succeed, keep every earlier record, report the repair, and leave
 * exactly the files a writer that never saw the torn bytes would have written (compared with a reference
 * partition, byte for byte).
 */
class TornWriteTest {

    private static final UUID ID = UUID.fromString("7042e000-0000-4000-8000-000000000001");
    /**
     * 28/30-byte records, 3 per block, max 300 bytes: keys 1..10 fill chunk 1 (closed), 11..19 go to chunk 11.
     * With 19 records the open chunk's index ends exactly at its end (the last record is inside an indexed block);
     * with 18 the last record is in the unindexed tail.
     */
    private static final PartitionConfig CONFIG = Stores.fixture(300, 3);
    private static final int LAST = 19;

    @TempDir
    Path tmp;

    private final java.util.Map<Integer, Path> templates = new java.util.HashMap<>();
    private Path template;
    private Path reference;

    private Path template() {
        return template(LAST);
    }

    private Path template(int last) {
        return templates.computeIfAbsent(last, l -> {
            Path t = tmp.resolve("template-" + l);
            Stores.written(t, ID, CONFIG, 1, l);
            return t;
        });
    }

    private Path copy(String name) {
        return copy(name, LAST);
    }

    private Path copy(String name, int last) {
        template = template(last);
        reference = template(last - 1);
        Path root = tmp.resolve(name + "-of-" + last);
        Files2.copyTree(template, root);
        return root;
    }

    private static long lastChunkId(Path dir) {
        List<Long> ids = Layout.manifestChunkIds(dir);
        return ids.get(ids.size() - 1);
    }

    @Test
    void templatesHaveAClosedChunkAndAnOpenChunkWithIndexLines() {
        for (int last : new int[] {LAST, LAST - 1}) {
            Path dir = Layout.partitionDir(template(last), ID);
            assertThat(Layout.manifestChunkIds(dir)).containsExactly(1L, 11L);
            assertThat(Layout.lines(Layout.index(dir, 11))).hasSize(last == 19 ? 3 : 2);
            DiskInvariants.check(dir);
        }
    }

    @TestFactory
    Stream<DynamicTest> lastChunkCutAtEveryOffsetOfItsLastRecord() {
        return Stream.of(LAST, LAST - 1).flatMap(last -> {
            Path dir = Layout.partitionDir(template(last), ID);
            long chunkLength = Layout.size(Layout.chunk(dir, lastChunkId(dir)));
            long recordStart = chunkLength - rec(last).length;
            return LongStream.range(recordStart, chunkLength).mapToObj(cut -> DynamicTest.dynamicTest(
                    (last == LAST ? "indexed" : "unindexed") + " last record, cut at " + cut,
                    () -> openAfterChunkCut(last, cut, cut > recordStart)));
        });
    }

    private void openAfterChunkCut(int lastKey, long cut, boolean torn) {
        Path root = copy("chunk-cut-" + cut, lastKey);
        Path dir = Layout.partitionDir(root, ID);
        long last = lastChunkId(dir);
        Files2.cut(Layout.chunk(dir, last), cut);
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            RecoveryReport report = p.recoveryReport();
            assertThat(report.has(RepairKind.TAIL_TRUNCATED)).as("%s", report).isEqualTo(torn);
            if (torn) {
                RecoveryReport.Repair r = report.repairs().stream()
                        .filter(x -> x.kind() == RepairKind.TAIL_TRUNCATED).findFirst().orElseThrow();
                assertThat(r.file()).isEqualTo("chunks/" + Layout.hex16(last) + ".chunk");
                assertThat(r.offset()).isEqualTo(Layout.size(Layout.chunk(dir, last)));
                // the cut bytes are kept beside the chunk, as etcd keeps its broken WAL
                Path broken = dir.resolve("chunks/" + Layout.hex16(last) + ".chunk.broken-" + r.offset());
                assertThat(r.detail()).contains("chunks/" + broken.getFileName());
                byte[] whole = Layout.read(Layout.chunk(Layout.partitionDir(template, ID), last));
                assertThat(Layout.read(broken)).isEqualTo(java.util.Arrays.copyOfRange(whole, (int) r.offset(), (int) cut));
            }
            assertThat(keys(p.readRange(0, U64_MAX))).isEqualTo(range(1, lastKey - 1));
            assertThat(p.lastRecord()).contains(new StoredRecord(lastKey - 1, rec(lastKey - 1)));
        }
        assertSameFiles(dir, reference);
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(p.recoveryReport().clean()).as("second open: %s", p.recoveryReport()).isTrue();
            p.append(lastKey, rec(lastKey));
        }
        assertSameFiles(dir, template);
        DiskInvariants.check(dir);
    }

    /** A valid JSON object without its LF is a torn write for us (we always write the LF); Rust would accept it. */
    @Test
    void recordMissingOnlyItsLineFeedIsCutAsTorn_deviationRustAcceptsIt() {
        Path root = copy("no-lf");
        Path dir = Layout.partitionDir(root, ID);
        long last = lastChunkId(dir);
        Files2.cut(Layout.chunk(dir, last), Layout.size(Layout.chunk(dir, last)) - 1);
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(p.recoveryReport().has(RepairKind.TAIL_TRUNCATED)).isTrue();
            assertThat(keys(p.readRange(0, U64_MAX))).isEqualTo(range(1, LAST - 1));
        }
    }

    @TestFactory
    Stream<DynamicTest> lastIndexCutAtEveryOffsetOfItsLastLine() {
        Path dir = Layout.partitionDir(template(), ID);
        Path index = Layout.index(dir, lastChunkId(dir));
        List<String> lines = Layout.rawLines(index);
        long end = Layout.size(index);
        long lineStart = end - lines.get(lines.size() - 1).length() - 1;
        return LongStream.range(lineStart, end).mapToObj(cut -> DynamicTest.dynamicTest("cut at " + cut,
                () -> openAfterIndexCut(cut, cut > lineStart)));
    }

    private void openAfterIndexCut(long cut, boolean torn) {
        Path root = copy("index-cut-" + cut);
        Path dir = Layout.partitionDir(root, ID);
        long last = lastChunkId(dir);
        byte[] original = Layout.read(Layout.index(dir, last));
        Files2.cut(Layout.index(dir, last), cut);
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            if (torn) {
                assertThat(p.recoveryReport().has(RepairKind.INDEX_REBUILT)).as("%s", p.recoveryReport()).isTrue();
            }
            assertThat(p.recoveryReport().has(RepairKind.TAIL_TRUNCATED)).isFalse();
            assertThat(keys(p.readRange(0, U64_MAX))).isEqualTo(range(1, LAST));
            assertThat(p.lastRecord()).contains(new StoredRecord(LAST, rec(LAST)));
            assertThat(Layout.read(Layout.index(dir, last))).as("index rebuilt at open by the normal cadence")
                    .isEqualTo(original);
        }
        DiskInvariants.check(dir);
        assertThat(Layout.read(Layout.index(dir, last))).isEqualTo(original);
    }

    /** A closed chunk's torn index is never trusted: reads rebuild the missing blocks in memory. */
    @TestFactory
    Stream<DynamicTest> closedIndexCutAtEveryOffsetOfItsLastLine() {
        Path dir = Layout.partitionDir(template(), ID);
        long first = Layout.manifestChunkIds(dir).get(0);
        Path index = Layout.index(dir, first);
        List<String> lines = Layout.rawLines(index);
        long end = Layout.size(index);
        long lineStart = end - lines.get(lines.size() - 1).length() - 1;
        return LongStream.range(lineStart, end).mapToObj(cut -> DynamicTest.dynamicTest("cut at " + cut, () -> {
            Path root = copy("closed-index-cut-" + cut);
            Files2.cut(Layout.index(Layout.partitionDir(root, ID), first), cut);
            try (TimevaultStore store = Stores.open(root)) {
                Partition p = store.openPartition(ID);
                assertThat(keys(p.readRange(0, U64_MAX))).isEqualTo(range(1, LAST));
                for (long k = 1; k <= LAST; k++) {
                    assertThat(keys(p.readRange(k, k))).containsExactly(k);
                }
            }
        }));
    }

    /** Same partition files as the reference; a {@code .broken-<offset>} copy of a cut tail is not a partition file. */
    private static void assertSameFiles(Path dir, Path referenceRoot) {
        Path ref = Layout.partitionDir(referenceRoot, ID);
        assertThat(Layout.readText(Layout.manifest(dir))).isEqualTo(Layout.readText(Layout.manifest(ref)));
        assertThat(Layout.chunkDirFiles(dir).stream().filter(n -> !n.contains(".broken-")).toList())
                .isEqualTo(Layout.chunkDirFiles(ref));
        for (String name : Layout.chunkDirFiles(ref)) {
            assertThat(Layout.readText(dir.resolve("chunks").resolve(name))).as(name)
                    .isEqualTo(Layout.readText(ref.resolve("chunks").resolve(name)));
        }
    }
}
