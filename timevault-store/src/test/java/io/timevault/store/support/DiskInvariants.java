package io.timevault.store.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The invariants timevault-rs needs to read a partition (spec Appendix B), checked on the bytes: manifest lines in
 * ascending chunk order, only the last one open, chunk and index files present for every line, index blocks
 * contiguous from offset 0, ending on record boundaries inside the chunk, keys non-decreasing, no temp files left;
 * and ours: an index line's {@code crc32c}, when present, is the CRC-32C of its block's bytes.
 */
public final class DiskInvariants {

    private static final Pattern MANIFEST = Pattern.compile(
            "\\{\"chunk_id\":(\\d+),\"min_order_key\":(\\d+)(?:,\"max_order_key\":(\\d+))?}");
    private static final Pattern INDEX = Pattern.compile(
            "\\{\"block_min_key\":(\\d+),\"block_max_key\":(\\d+),\"file_offset_bytes\":(\\d+),\"block_len_bytes\":(\\d+)(?:,\"crc32c\":(\\d+))?}");

    private DiskInvariants() {
    }

    public static void check(Path dir) {
        List<String> lines = Layout.lines(Layout.manifest(dir));
        long prevId = -1;
        boolean first = true;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = MANIFEST.matcher(lines.get(i));
            assertThat(m.matches()).as("canonical manifest line %d: %s", i + 1, lines.get(i)).isTrue();
            long id = Long.parseUnsignedLong(m.group(1));
            long min = Long.parseUnsignedLong(m.group(2));
            boolean open = m.group(3) == null;
            if (!first) {
                assertThat(Long.compareUnsigned(id, prevId)).as("chunk ids ascending at line %d", i + 1).isPositive();
            }
            first = false;
            prevId = id;
            assertThat(open && i < lines.size() - 1).as("only the last manifest line may be open").isFalse();
            assertThat(Long.compareUnsigned(min, id)).as("min_order_key >= chunk_id at line %d", i + 1).isGreaterThanOrEqualTo(0);
            if (!open) {
                assertThat(Long.compareUnsigned(min, Long.parseUnsignedLong(m.group(3)))).isLessThanOrEqualTo(0);
            }
            checkChunk(dir, id);
        }
        assertThat(Layout.readText(Layout.manifest(dir))).satisfiesAnyOf(
                t -> assertThat(t).isEmpty(), t -> assertThat(t).endsWith("\n"));
        assertThat(Layout.chunkDirFiles(dir)).as("no temp files").noneMatch(n -> n.endsWith(".tmp"));
        assertThat(dir.resolve("manifest.json.tmp")).doesNotExist();
        assertThat(dir.resolve("metadata.json.tmp")).doesNotExist();
    }

    private static void checkChunk(Path dir, long id) {
        Path chunk = Layout.chunk(dir, id);
        Path index = Layout.index(dir, id);
        assertThat(chunk).as("chunk file of manifest line %s", Layout.hex16(id)).exists();
        assertThat(index).as("index file of manifest line %s", Layout.hex16(id)).exists();
        byte[] data = Layout.read(chunk);
        assertThat(data.length).as("chunk %s is not empty", Layout.hex16(id)).isPositive();
        assertThat(data[data.length - 1]).as("chunk %s ends with LF", Layout.hex16(id)).isEqualTo((byte) '\n');
        long expectedOffset = 0;
        long prevMax = 0;
        for (String line : Layout.rawLines(index)) {
            Matcher m = INDEX.matcher(line);
            assertThat(m.matches()).as("canonical index line of %s: %s", Layout.hex16(id), line).isTrue();
            long min = Long.parseUnsignedLong(m.group(1));
            long max = Long.parseUnsignedLong(m.group(2));
            long off = Long.parseLong(m.group(3));
            long len = Long.parseLong(m.group(4));
            assertThat(off).as("index of %s contiguous: %s", Layout.hex16(id), line).isEqualTo(expectedOffset);
            assertThat(len).isPositive();
            assertThat(off + len).as("index of %s within the chunk: %s", Layout.hex16(id), line).isLessThanOrEqualTo(data.length);
            assertThat(data[(int) (off + len - 1)]).as("block ends on a record boundary: %s", line).isEqualTo((byte) '\n');
            assertThat(Long.compareUnsigned(min, max)).isLessThanOrEqualTo(0);
            assertThat(Long.compareUnsigned(min, prevMax)).as("keys non-decreasing: %s", line).isGreaterThanOrEqualTo(0);
            if (m.group(5) != null) {
                CRC32C crc = new CRC32C();
                crc.update(data, (int) off, (int) len);
                assertThat(Long.parseLong(m.group(5))).as("crc32c of %s matches its bytes: %s", Layout.hex16(id), line)
                        .isEqualTo(crc.getValue());
            }
            prevMax = max;
            expectedOffset = off + len;
        }
    }
}
