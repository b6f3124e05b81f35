package io.timevault.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which index lines {@link IndexFile#loadValidPrefix} trusts (closed chunks load their index through it too). */
class IndexFileTest {

    @TempDir
    Path dir;

    private IndexFile.Loaded load(String... lines) throws IOException {
        Path file = dir.resolve("0000000000000064.index");
        Files.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        return IndexFile.loadValidPrefix(file, 1000);
    }

    private static String line(long min, long max, long off, long len) {
        return new IndexBlock(min, max, off, len).toJson();
    }

    @Test
    void rustsStaleMinimumAfterARestartIsKeptAsWritten() throws IOException {
        IndexFile.Loaded l = load(line(100, 200, 0, 36), line(100, 400, 36, 36), line(100, 600, 72, 36),
                line(700, 800, 108, 36));
        assertThat(l.dropped()).isNull();
        assertThat(l.blocks()).extracting(IndexBlock::minKey).containsExactly(100L, 100L, 100L, 700L);
    }

    @Test
    void otherOverlapsAreDroppedFromTheFirstBadLine() throws IOException {
        assertThat(load(line(100, 200, 0, 36), line(150, 400, 36, 36)).dropped()).startsWith("inconsistent line");
        assertThat(load(line(100, 200, 0, 36), line(100, 150, 36, 36)).dropped()).startsWith("inconsistent line");
        assertThat(load(line(100, 200, 0, 36), line(50, 400, 36, 36)).blocks()).hasSize(1);
    }
}
