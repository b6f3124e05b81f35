package io.timevault.store.read;

import static io.timevault.store.support.Records.U64_MAX;
import static io.timevault.store.support.Records.keys;
import static io.timevault.store.support.Records.rec;
import static io.timevault.store.support.Records.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.timevault.store.InvalidRangeException;
import io.timevault.store.InvalidRecordException;
import io.timevault.store.OutOfOrderAppendException;
import io.timevault.store.Partition;
import io.timevault.store.StoredRecord;
import io.timevault.store.TimevaultStore;
import io.timevault.store.support.Layout;
import io.timevault.store.support.RustFiles;
import io.timevault.store.support.Stores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys are unsigned 64-bit (spec §0.1). The jsonl {@code timestamp} is a signed i64, so key 2^63+5 is written as
 * {@code "timestamp":-9223372036854775803} and its order key is the unsigned reinterpretation; everything else —
 * file names, manifest and index numbers, metadata, ordering, ranges — is unsigned.
 */
class UnsignedKeyTest {

    private static final UUID ID = UUID.fromString("0bad5eed-0000-4000-8000-0000000000ff");
    private static final long TWO_63 = Long.MIN_VALUE;

    @TempDir
    Path root;

    @Test
    void keysAboveTwoToTheSixtyThreeAreWrittenAsNegativeTimestampsAndOrderedUnsigned() {
        List<Long> all = new ArrayList<>();
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.createPartition(ID, Stores.fixture(200, 2));
            for (long k = TWO_63 - 3; k != TWO_63 + 6; k++) {
                p.append(k, rec(k));
                all.add(k);
            }
            assertThat(rec(TWO_63 + 5)).asString().isEqualTo(
                    "{\"payload\":-9223372036854775803,\"timestamp\":-9223372036854775803}\n");
            assertThat(keys(p.readRange(0, U64_MAX))).isEqualTo(all);
            assertThat(keys(p.readRange(TWO_63, TWO_63 + 5))).isEqualTo(all.subList(3, 9));
            assertThat(keys(p.readRange(5, TWO_63))).isEqualTo(all.subList(0, 4));
            assertThat(keys(p.readRange(TWO_63 - 2, TWO_63 + 1))).isEqualTo(all.subList(1, 5));
            assertThatExceptionOfType(InvalidRangeException.class).isThrownBy(() -> p.readRange(TWO_63 + 5, 5));
            assertThatExceptionOfType(OutOfOrderAppendException.class).isThrownBy(() -> p.append(5, rec(5)))
                    .satisfies(e -> assertThat(e.lowestAllowed()).isEqualTo(TWO_63 + 5));
            assertThatExceptionOfType(OutOfOrderAppendException.class)
                    .isThrownBy(() -> p.append(Long.MAX_VALUE, rec(Long.MAX_VALUE)));
            p.sync();
            Path dir = p.directory();
            List<Long> ids = Layout.manifestChunkIds(dir);
            assertThat(ids).hasSizeGreaterThan(1).allSatisfy(id ->
                    assertThat(Layout.chunk(dir, id)).exists());
            assertThat(Layout.chunkDirFiles(dir)).anyMatch(n -> n.startsWith("8000000000000"));
            String manifest = Layout.readText(Layout.manifest(dir));
            assertThat(manifest).doesNotContain("-").contains("\"chunk_id\":" + Long.toUnsignedString(TWO_63));
            assertThat(String.join("", Layout.chunkDirFiles(dir))).doesNotContain("-");
            for (long id : ids) {
                assertThat(Layout.readText(Layout.index(dir, id))).doesNotContain(":-");
            }
        }
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(keys(p.readRange(0, U64_MAX))).isEqualTo(all);
            assertThat(p.lastRecord().map(StoredRecord::key)).contains(TWO_63 + 5);
            p.purge(TWO_63 + 1);
            assertThat(keys(p.readRange(0, U64_MAX))).isEqualTo(all.subList(5, 9));
            assertThat(Layout.readText(Layout.metadata(p.directory())))
                    .endsWith("\"last_purge_id\":" + Long.toUnsignedString(TWO_63 + 1) + "}");
            p.truncate(TWO_63 + 4);
            assertThat(keys(p.readRange(0, U64_MAX))).containsExactly(TWO_63 + 2, TWO_63 + 3);
        }
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(p.lastPurgeId()).hasValue(TWO_63 + 1);
            assertThat(keys(p.readRange(0, U64_MAX))).containsExactly(TWO_63 + 2, TWO_63 + 3);
        }
    }

    @Test
    void theLargestKeyIsTimestampMinusOne() {
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.createPartition(ID, Stores.fixture(U64_MAX, 2));
            p.append(U64_MAX - 1, rec(U64_MAX - 1));
            p.append(U64_MAX, utf8("{\"timestamp\":-1}\n"));
            assertThat(keys(p.readRange(U64_MAX, U64_MAX))).containsExactly(U64_MAX);
            assertThat(p.lastRecord().map(StoredRecord::key)).contains(U64_MAX);
            p.purge(U64_MAX - 1);
            assertThat(keys(p.readRange(0, U64_MAX))).containsExactly(U64_MAX);
        }
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(keys(p.readRange(0, U64_MAX))).containsExactly(U64_MAX);
            assertThat(Layout.lines(Layout.manifest(p.directory())))
                    .as("the straddling line is left as it is").containsExactly(RustFiles.open(U64_MAX - 1, U64_MAX - 1));
        }
    }

    /** Rust's timestamp is i64: an unsigned decimal above 2^63−1 is not a valid jsonl record. */
    @Test
    void unsignedDecimalTimestampAboveTheSignedRangeIsAnInvalidRecord() {
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.createPartition(ID, Stores.fixture(U64_MAX, 2));
            assertThatExceptionOfType(InvalidRecordException.class).isThrownBy(() ->
                    p.append(TWO_63 + 5, utf8("{\"timestamp\":" + Long.toUnsignedString(TWO_63 + 5) + "}\n")));
        }
    }

    @Test
    void rustFilesWithKeysAboveTwoToTheSixtyThreeAreRead() {
        long a = TWO_63 + 1;
        long b = TWO_63 + 2;
        new RustFiles.Builder(root, ID).metadata(RustFiles.Meta.fixture(U64_MAX, 2))
                .manifest(RustFiles.open(a, a))
                .chunk(a, io.timevault.store.support.Records.recs(a, b))
                .index(a, RustFiles.block(a, b, 0, rec(a).length + rec(b).length));
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(p.recoveryReport().clean()).as("%s", p.recoveryReport()).isTrue();
            assertThat(keys(p.readRange(TWO_63, U64_MAX))).containsExactly(a, b);
            assertThat(Layout.chunk(p.directory(), a).getFileName().toString()).isEqualTo("8000000000000001.chunk");
        }
    }
}
