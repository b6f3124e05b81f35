package io.timevault.store.corruption;

import static io.timevault.store.support.Records.U64_MAX;
import static io.timevault.store.support.Records.keys;
import static io.timevault.store.support.Records.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.timevault.store.CorruptFileException;
import io.timevault.store.Partition;
import io.timevault.store.PartitionConfig;
import io.timevault.store.TimevaultStore;
import io.timevault.store.support.Files2;
import io.timevault.store.support.Layout;
import io.timevault.store.support.Stores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Block checksums (issue 11): every index line we write carries the CRC-32C of its block, and damage to a synced,
 * indexed block is detected — by recovery or by the read that touches it — as a {@link CorruptFileException} naming
 * the chunk, never served as data and never cut as a torn tail. The partition: blocks of 3 records, chunks of about
 * 200 bytes, keys 1..20, all synced; every indexed byte of every chunk is flipped in turn.
 */
class BlockChecksumTest {

    private static final UUID ID = UUID.fromString("c0de0000-0000-4000-8000-00000000c5c5");
    private static final PartitionConfig CONFIG = Stores.fixture(200, 3);
    private static final int LAST = 20;
    private static final Pattern LINE = Pattern.compile(
            "\"file_offset_bytes\":(\\d+),\"block_len_bytes\":(\\d+),\"crc32c\":(\\d+)}");

    @TempDir
    Path tmp;

    private Path template() {
        Path t = tmp.resolve("template");
        if (!t.toFile().exists()) {
            Stores.written(t, ID, CONFIG, 1, LAST);
        }
        return t;
    }

    @Test
    void everyIndexLineCarriesTheCrc32cOfItsBlockBytes() {
        Path dir = Layout.partitionDir(template(), ID);
        List<Long> ids = Layout.manifestChunkIds(dir);
        assertThat(ids).hasSizeGreaterThan(2);
        int lines = 0;
        for (long id : ids) {
            byte[] chunk = Layout.read(Layout.chunk(dir, id));
            for (String line : Layout.rawLines(Layout.index(dir, id))) {
                Matcher m = LINE.matcher(line);
                assertThat(m.find()).as("crc32c in %s", line).isTrue();
                CRC32C crc = new CRC32C();
                crc.update(chunk, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                assertThat(Long.parseLong(m.group(3))).as(line).isEqualTo(crc.getValue());
                lines++;
            }
        }
        assertThat(lines).isGreaterThan(5);
    }

    @TestFactory
    Stream<DynamicTest> everyFlippedByteOfASyncedBlockIsDetected() {
        Path dir = Layout.partitionDir(template(), ID);
        List<DynamicTest> tests = new ArrayList<>();
        for (long id : Layout.manifestChunkIds(dir)) {
            long indexed = Layout.indexedEnd(Layout.index(dir, id));
            for (long offset = 0; offset < indexed; offset++) {
                long at = offset;
                tests.add(DynamicTest.dynamicTest("chunk " + Layout.hex16(id) + " byte " + at, () -> flipAndRead(id, at)));
            }
        }
        assertThat(tests).hasSizeGreaterThan(300);
        return tests.stream();
    }

    private void flipAndRead(long chunkId, long offset) {
        Path root = tmp.resolve("flip-" + chunkId + "-" + offset);
        Files2.copyTree(template(), root);
        Path dir = Layout.partitionDir(root, ID);
        Path chunk = Layout.chunk(dir, chunkId);
        byte[] before = Layout.read(chunk);
        Files2.flipBit(chunk, offset, 0);
        byte[] damaged = Layout.read(chunk);
        CorruptFileException e = catchThrowableOfType(() -> {
            try (TimevaultStore store = Stores.open(root)) {
                store.openPartition(ID).readRange(0, U64_MAX);
            }
        }, CorruptFileException.class);
        assertThat(e).as("flipped bit at %s of %s is detected", offset, chunk.getFileName()).isNotNull();
        assertThat(e.file()).isEqualTo(chunk);
        assertThat(Layout.read(chunk)).as("nothing cut").isEqualTo(damaged).isNotEqualTo(before);
    }

    @Test
    void anEditedValueThatStaysValidJsonIsAnErrorNamingTheBlock() {
        Path root = tmp.resolve("sed");
        Files2.copyTree(template(), root);
        Path dir = Layout.partitionDir(root, ID);
        long first = Layout.manifestChunkIds(dir).get(0);
        Path chunk = Layout.chunk(dir, first);
        String text = Layout.readText(chunk);
        assertThat(text).contains("\"timestamp\":2");
        Files2.write(chunk, text.replaceFirst("\"timestamp\":2", "\"timestamp\":3").getBytes(StandardCharsets.UTF_8));
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(p.recoveryReport().clean()).isTrue();
            assertThatExceptionOfType(CorruptFileException.class).isThrownBy(() -> p.readRange(1, 1))
                    .satisfies(x -> assertThat(x.file()).isEqualTo(chunk))
                    .withMessageContaining("CRC-32C mismatch in block 0 [0, ");
            // blocks that are not touched still read
            assertThat(keys(p.readRange(LAST, LAST))).containsExactly((long) LAST);
        }
    }

    @Test
    void blocksWithoutACrcReadAsBefore() {
        Path root = tmp.resolve("no-crc");
        Files2.copyTree(template(), root);
        Path dir = Layout.partitionDir(root, ID);
        for (long id : Layout.manifestChunkIds(dir)) {
            Path index = Layout.index(dir, id);
            Files2.write(index, Layout.withoutCrc(Layout.readText(index)));
        }
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(p.recoveryReport().clean()).as("%s", p.recoveryReport()).isTrue();
            assertThat(keys(p.readRange(0, U64_MAX))).isEqualTo(range(1, LAST));
        }
    }
}
