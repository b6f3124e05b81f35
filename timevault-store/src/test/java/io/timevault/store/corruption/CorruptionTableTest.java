package io.timevault.store.corruption;

import static io.timevault.store.support.Records.U64_MAX;
import static io.timevault.store.support.Records.keys;
import static io.timevault.store.support.Records.range;
import static io.timevault.store.support.Records.rec;
import static io.timevault.store.support.Records.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.store.CorruptFileException;
import io.timevault.store.MissingFileException;
import io.timevault.store.Partition;
import io.timevault.store.PartitionNotFoundException;
import io.timevault.store.RecoveryReport;
import io.timevault.store.RecoveryReport.RepairKind;
import io.timevault.store.StoredRecord;
import io.timevault.store.TimevaultException;
import io.timevault.store.TimevaultStore;
import io.timevault.store.support.Files2;
import io.timevault.store.support.Layout;
import io.timevault.store.support.RustFiles;
import io.timevault.store.support.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Corruption as a table (the etcd {@code testRepair} / kafka {@code testRecoveryWithCorruptMessage} style):
 * corrupt function × file → expected survivors (and the repairs reported) or a typed error naming the file (and the
 * offset where it applies). The partition is {@code fixture(150, 2)} with keys 1..13, all synced: chunk 1 (keys 1–5,
 * closed), chunk 6 (6–10, closed), chunk 11 (11–13, open; index block {11,12}, record 13 unindexed).
 *
 * <p>Rules checked for every row: never an exception other than a {@link TimevaultException}; a row that loses
 * synced records must report a repair (never a silent loss); survivors are byte-exact; a second open after a
 * repaired open is clean and reads the same.
 */
class CorruptionTableTest {

    private static final UUID ID = UUID.fromString("c0de0000-0000-4000-8000-00000000bad0");
    private static final int LAST = 13;
    private static final String META = "metadata.json";
    private static final String MANIFEST = "manifest.jsonl";
    private static final String CHUNK_1 = "chunks/0000000000000001.chunk";
    private static final String INDEX_1 = "chunks/0000000000000001.index";
    private static final String CHUNK_11 = "chunks/000000000000000b.chunk";
    private static final String INDEX_11 = "chunks/000000000000000b.index";
    private static final String INDEX_6 = "chunks/0000000000000006.index";
    private static final String LOCK = "../../../../.timevault.write.lock";

    @TempDir
    static Path tmp;

    private static Path template;
    private static final List<String> outcomes = new ArrayList<>();

    @BeforeAll
    static void writeTemplate() {
        template = tmp.resolve("template");
        Path dir = Stores.written(template, ID, Stores.fixture(150, 2), 1, LAST);
        assertThat(Layout.manifestChunkIds(dir)).containsExactly(1L, 6L, 11L);
    }

    @AfterAll
    static void printOutcomes() {
        System.out.println("CorruptionTableTest outcomes:\n  " + String.join("\n  ", outcomes));
    }

    /** What a row expects. */
    sealed interface Expect permits Survive, Fail {
    }

    /** Open succeeds, exactly these keys are readable, and at least these repairs are reported. */
    record Survive(List<Long> keys, Set<RepairKind> repairs) implements Expect {
    }

    /** Open or a read throws this type, naming the file; {@code offsetFrom..offsetTo} bounds the offset if >= 0. */
    record Fail(Class<? extends TimevaultException> type, String file, long offsetFrom, long offsetTo) implements Expect {
    }

    static Survive all(RepairKind... repairs) {
        return survive(range(1, LAST), repairs);
    }

    static Survive survive(List<Long> keys, RepairKind... repairs) {
        return new Survive(keys, repairs.length == 0 ? Set.of() : EnumSet.copyOf(List.of(repairs)));
    }

    static Fail fail(Class<? extends TimevaultException> type, String file) {
        return new Fail(type, file, -1, -1);
    }

    static Fail fail(Class<? extends TimevaultException> type, String file, long from, long to) {
        return new Fail(type, file, from, to);
    }

    // ---- corrupt functions, on a file path ----

    static BiConsumer<Path, String> missing() {
        return (p, f) -> Files2.delete(p);
    }

    static BiConsumer<Path, String> truncateTo(double fraction) {
        return (p, f) -> Files2.cut(p, (long) (Layout.size(p) * fraction));
    }

    static BiConsumer<Path, String> truncateBy(long bytes) {
        return (p, f) -> Files2.cut(p, Layout.size(p) - bytes);
    }

    static BiConsumer<Path, String> cutAt(long length) {
        return (p, f) -> Files2.cut(p, length);
    }

    static BiConsumer<Path, String> overwrite(long offset, String garbage) {
        return (p, f) -> Files2.overwrite(p, offset, utf8(garbage));
    }

    static BiConsumer<Path, String> appendBytes(byte[] garbage) {
        return (p, f) -> Files2.append(p, garbage);
    }

    static BiConsumer<Path, String> flip(long offset, int bit) {
        return (p, f) -> Files2.flipBit(p, offset, bit);
    }

    /** Flips bit {@code bit} of the {@code nth} (0-based) occurrence of {@code text}'s last character in the file. */
    static BiConsumer<Path, String> flipIn(String text, int nth, int bit) {
        return (p, f) -> {
            String s = Layout.readText(p);
            int at = -1;
            for (int i = 0; i <= nth; i++) {
                at = s.indexOf(text, at + 1);
            }
            Files2.flipBit(p, at + text.length() - 1, bit);
        };
    }

    static Stream<Arguments> table() {
        int line2 = RustFiles.closed(1, 1, 5).length() + 1;
        int line3 = line2 + RustFiles.closed(6, 6, 10).length() + 1;
        int end = line3 + RustFiles.open(11, 11).length() + 1;
        return Stream.of(
                // metadata.json
                row("metadata missing", META, missing(), fail(PartitionNotFoundException.class, null)),
                row("metadata truncated to half", META, truncateTo(0.5), fail(CorruptFileException.class, META)),
                row("metadata truncated to zero", META, cutAt(0), fail(CorruptFileException.class, META)),
                row("metadata garbage", META, overwrite(0, "garbage!!"), fail(CorruptFileException.class, META, 0, 0)),
                row("metadata bit flip { -> z", META, flip(0, 0), fail(CorruptFileException.class, META, 0, 0)),
                row("metadata bit flip plugin jsonl -> jsonm", META, flipIn("\"jsonl", 0, 0),
                        fail(CorruptFileException.class, META)),
                row("metadata bit flip in the name last_purge_id", META, flipIn("\"last_purge_id", 0, 0), all()),
                row("metadata bit flip in a knob digit", META, flipIn("\"max_records\":2", 0, 0), all()),
                // manifest.jsonl
                row("manifest missing", MANIFEST, missing(), fail(MissingFileException.class, MANIFEST)),
                row("manifest last line torn", MANIFEST, truncateBy(10),
                        survive(range(1, 10), RepairKind.MANIFEST_TAIL_TRUNCATED, RepairKind.ORPHAN_REMOVED)),
                row("manifest last line dropped", MANIFEST, cutAt(line3),
                        survive(range(1, 10), RepairKind.ORPHAN_REMOVED)),
                row("manifest truncated to zero", MANIFEST, cutAt(0), survive(List.of(), RepairKind.ORPHAN_REMOVED)),
                row("manifest garbage in line 2", MANIFEST, overwrite(line2 + 3, "@@@@"),
                        fail(CorruptFileException.class, MANIFEST, line2, line3 - 1)),
                row("manifest garbage appended without LF", MANIFEST, appendBytes(utf8("{\"chunk_id\":9")),
                        all(RepairKind.MANIFEST_TAIL_TRUNCATED)),
                row("manifest garbage line appended", MANIFEST, appendBytes(utf8("garbage\n")),
                        fail(CorruptFileException.class, MANIFEST, end, end + 7)),
                row("manifest bit flip { -> z in line 1", MANIFEST, flip(0, 0), fail(CorruptFileException.class, MANIFEST, 0, 0)),
                row("manifest bit flip chunk id 6 -> 7", MANIFEST, flipIn("\"chunk_id\":6", 0, 0),
                        fail(MissingFileException.class, "chunks/0000000000000007.chunk")),
                row("manifest bit flip open line chunk id 11 -> 10", MANIFEST, flipIn("\"chunk_id\":11", 0, 0),
                        survive(range(1, 10), RepairKind.MANIFEST_LINE_REMOVED, RepairKind.ORPHAN_REMOVED)),
                // the open chunk's index
                row("open index missing", INDEX_11, missing(), all(RepairKind.INDEX_REBUILT)),
                row("open index torn", INDEX_11, truncateBy(7), all(RepairKind.INDEX_REBUILT)),
                row("open index garbage", INDEX_11, overwrite(2, "garbage"), all(RepairKind.INDEX_REBUILT)),
                row("open index bit flip in the offset", INDEX_11, flipIn("\"file_offset_bytes\":0", 0, 0),
                        all(RepairKind.INDEX_REBUILT)),
                row("open index bit flip in the length", INDEX_11, flipIn("\"block_len_bytes\":6", 0, 1),
                        all(RepairKind.INDEX_REBUILT)),
                // a closed chunk's index
                row("closed index missing", INDEX_1, missing(), all(RepairKind.INDEX_REBUILT)),
                row("closed index torn", INDEX_1, truncateBy(7), all()),
                row("closed index garbage", INDEX_1, overwrite(2, "garbage"), all()),
                row("closed index bit flip in an offset", INDEX_6, flipIn("\"file_offset_bytes\":56", 0, 1), all()),
                row("closed index bit flip in a length", INDEX_6, flipIn("\"block_len_bytes\":56", 0, 1), all()),
                row("closed index truncated to zero", INDEX_1, cutAt(0), all()),
                // the open chunk
                row("open chunk missing", CHUNK_11, missing(), survive(range(1, 10), RepairKind.MANIFEST_LINE_REMOVED)),
                row("open chunk truncated to zero", CHUNK_11, cutAt(0),
                        survive(range(1, 10), RepairKind.MANIFEST_LINE_REMOVED)),
                row("open chunk torn in its unindexed last record", CHUNK_11, truncateBy(5),
                        survive(range(1, 12), RepairKind.TAIL_TRUNCATED)),
                row("open chunk cut inside its indexed block", CHUNK_11, cutAt(40),
                        survive(range(1, 11), RepairKind.TAIL_TRUNCATED, RepairKind.INDEX_REBUILT)),
                row("open chunk garbage in an indexed record followed by valid ones", CHUNK_11, overwrite(30, "XX"),
                        fail(CorruptFileException.class, CHUNK_11, 30, 30)),
                row("open chunk garbage in the middle of the unindexed tail", CHUNK_11, overwrite(60, "XX"),
                        survive(range(1, 12), RepairKind.TAIL_TRUNCATED)),
                row("open chunk garbage appended without LF", CHUNK_11, appendBytes(utf8("{\"payload\":14,\"ti")),
                        all(RepairKind.TAIL_TRUNCATED)),
                row("open chunk garbage line appended", CHUNK_11, appendBytes(utf8("garbage\n")),
                        all(RepairKind.TAIL_TRUNCATED)),
                row("open chunk zero bytes appended", CHUNK_11, appendBytes(new byte[4096]), all(RepairKind.TAIL_TRUNCATED)),
                row("open chunk bit flip in its last record", CHUNK_11, flip(60, 0),
                        survive(range(1, 12), RepairKind.TAIL_TRUNCATED)),
                row("open chunk bit flip in an indexed record", CHUNK_11, flip(30, 0),
                        fail(CorruptFileException.class, CHUNK_11, 30, 30)),
                // a closed chunk
                row("closed chunk missing", CHUNK_1, missing(), fail(MissingFileException.class, CHUNK_1)),
                row("closed chunk truncated inside a record", CHUNK_1, cutAt(100), fail(CorruptFileException.class, CHUNK_1)),
                row("closed chunk truncated at a record boundary", CHUNK_1, cutAt(84),
                        fail(CorruptFileException.class, CHUNK_1)),
                row("closed chunk truncated to zero", CHUNK_1, cutAt(0), fail(CorruptFileException.class, CHUNK_1)),
                row("closed chunk garbage in a record", CHUNK_1, overwrite(56, "XX"),
                        fail(CorruptFileException.class, CHUNK_1, 56, 56)),
                row("closed chunk garbage appended", CHUNK_1, appendBytes(utf8("garbage\n")),
                        fail(CorruptFileException.class, CHUNK_1)),
                row("closed chunk bit flip { -> z", CHUNK_1, flip(28, 0), fail(CorruptFileException.class, CHUNK_1, 28, 28)),
                // the store lock file
                row("lock file missing", LOCK, missing(), all()),
                row("lock file garbage", LOCK, overwrite(0, "garbage-garbage-garbage\n"), all()),
                row("lock file truncated", LOCK, cutAt(2), all()),
                row("lock file bit flip", LOCK, flip(0, 3), all()));
    }

    private static Arguments row(String name, String file, BiConsumer<Path, String> corrupt, Expect expect) {
        return Arguments.of(name, file, corrupt, expect);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void corruptedPartitionRepairsAndReportsOrFailsNamingTheFile(String name, String file,
            BiConsumer<Path, String> corrupt, Expect expect) {
        Path root = tmp.resolve(name.replaceAll("[^a-zA-Z0-9]+", "-"));
        Files2.copyTree(template, root);
        Path dir = Layout.partitionDir(root, ID);
        Path target = dir.resolve(file).normalize();
        corrupt.accept(target, file);

        Outcome first = openAndReadEverything(root);
        outcomes.add(String.format("%-62s -> %s", name, first));
        if (first.error != null) {
            assertThat(first.error).as("%s: only typed store exceptions", name).isInstanceOf(TimevaultException.class);
        }
        if (expect instanceof Survive s) {
            assertThat(first.error).as("%s: open and reads succeed", name).isNull();
            assertThat(first.keys).as("%s: survivors", name).isEqualTo(s.keys());
            for (RepairKind k : s.repairs()) {
                assertThat(first.report.has(k)).as("%s: reports %s in %s", name, k, first.report).isTrue();
            }
            if (!s.keys().equals(range(1, LAST))) {
                assertThat(first.report.clean()).as("%s: a loss of synced records is never silent", name).isFalse();
            }
            Outcome second = openAndReadEverything(root);
            assertThat(second.error).as("%s: second open", name).isNull();
            assertThat(second.keys).as("%s: second open reads the same", name).isEqualTo(s.keys());
            assertThat(second.report.clean()).as("%s: second open is clean: %s", name, second.report).isTrue();
        } else if (expect instanceof Fail f) {
            assertThat(first.error).as("%s: fails with %s", name, f.type().getSimpleName()).isInstanceOf(f.type());
            if (f.file() != null) {
                Path named = dir.resolve(f.file()).normalize();
                if (first.error instanceof CorruptFileException c) {
                    assertThat(c.file()).as("%s: names the file", name).isEqualTo(named);
                    if (f.offsetFrom() >= 0) {
                        assertThat(c.offset()).as("%s: offset", name).isBetween(f.offsetFrom(), f.offsetTo());
                    }
                } else if (first.error instanceof MissingFileException m) {
                    assertThat(m.file()).as("%s: names the file", name).isEqualTo(named);
                } else {
                    assertThat(first.error.getMessage()).contains(named.getFileName().toString());
                }
            } else {
                assertThat(first.error.getMessage()).contains("metadata.json");
            }
        }
    }

    /** What one open plus a read of everything (whole range and key by key) saw. */
    private record Outcome(RecoveryReport report, List<Long> keys, Throwable error) {
        @Override
        public String toString() {
            if (error != null) {
                return error.getClass().getSimpleName() + ": " + error.getMessage();
            }
            return "keys " + (keys.isEmpty() ? "[]" : keys.get(0) + ".." + keys.get(keys.size() - 1) + " (" + keys.size()
                    + ")") + ", repairs " + report.repairs().stream().map(r -> r.kind().name()).toList();
        }
    }

    private static Outcome openAndReadEverything(Path root) {
        RecoveryReport report = null;
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            report = p.recoveryReport();
            List<StoredRecord> all = p.readRange(0, U64_MAX);
            for (StoredRecord r : all) {
                assertThat(r.bytes()).as("record %d intact", r.key()).isEqualTo(rec(r.key()));
            }
            List<Long> keys = keys(all);
            for (long k = 0; k <= LAST + 1; k++) {
                assertThat(keys(p.readRange(k, k))).as("readRange(%d, %d)", k, k)
                        .isEqualTo(keys.contains(k) ? List.of(k) : List.of());
            }
            if (!keys.isEmpty()) {
                p.append(LAST + 1, rec(LAST + 1));
                p.truncate(LAST + 1);
            }
            return new Outcome(report, keys, null);
        } catch (TimevaultException e) {
            return new Outcome(report, null, e);
        } catch (RuntimeException e) {
            return new Outcome(report, null, e);
        } finally {
            assertThat(Files.exists(root)).isTrue();
        }
    }
}
