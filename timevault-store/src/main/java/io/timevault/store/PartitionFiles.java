package io.timevault.store;

import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Builds and parses every file name of a partition (spec §1). Worked example for partition
 * {@code 13f98d87-e036-4804-829a-bcb965a9fa87} and a chunk whose first key is 1000:
 * <pre>
 * partitions/fa/87/13f98d87-e036-4804-829a-bcb965a9fa87/metadata.json
 *                                                      /manifest.jsonl
 *                                                      /chunks/00000000000003e8.chunk
 *                                                      /chunks/00000000000003e8.index
 * </pre>
 * Shards are bytes 14 and 15 of the UUID, in string order; chunk names are the chunk id (its first key) as 16
 * lowercase hex digits.
 */
final class PartitionFiles {

    static final String METADATA = "metadata.json";
    static final String MANIFEST = "manifest.jsonl";
    /** timevault-rs replaces the extension "jsonl" by "json.tmp" for the manifest's temp file. */
    static final String MANIFEST_TMP = "manifest.json.tmp";
    static final String CHUNKS = "chunks";
    static final String CHUNK_SUFFIX = ".chunk";
    static final String INDEX_SUFFIX = ".index";
    static final String TMP_SUFFIX = ".tmp";
    /** Infix of the copy of a cut torn tail, as etcd keeps its broken WAL. */
    static final String BROKEN_INFIX = ".broken-";

    private final Path dir;

    PartitionFiles(Path dir) {
        this.dir = dir;
    }

    static Path partitionDirectory(Path root, UUID id) {
        long lsb = id.getLeastSignificantBits();
        return root.resolve("partitions").resolve(hex2((lsb >>> 8) & 0xff)).resolve(hex2(lsb & 0xff))
                .resolve(id.toString());
    }

    static String hex16(long chunkId) {
        String h = Long.toHexString(chunkId);
        return "0".repeat(16 - h.length()) + h;
    }

    /** The chunk id of a {@code <hex16>.chunk} or {@code <hex16>.index} name, or empty for any other name. */
    static OptionalLong chunkIdOf(String fileName) {
        String stem;
        if (fileName.endsWith(CHUNK_SUFFIX)) {
            stem = fileName.substring(0, fileName.length() - CHUNK_SUFFIX.length());
        } else if (fileName.endsWith(INDEX_SUFFIX)) {
            stem = fileName.substring(0, fileName.length() - INDEX_SUFFIX.length());
        } else {
            return OptionalLong.empty();
        }
        if (stem.length() != 16 || !stem.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseUnsignedLong(stem, 16));
    }

    private static String hex2(long b) {
        return (b < 16 ? "0" : "") + Long.toHexString(b);
    }

    Path dir() {
        return dir;
    }

    Path metadata() {
        return dir.resolve(METADATA);
    }

    Path manifest() {
        return dir.resolve(MANIFEST);
    }

    Path manifestTemp() {
        return dir.resolve(MANIFEST_TMP);
    }

    Path chunksDir() {
        return dir.resolve(CHUNKS);
    }

    Path chunk(long id) {
        return chunksDir().resolve(hex16(id) + CHUNK_SUFFIX);
    }

    Path index(long id) {
        return chunksDir().resolve(hex16(id) + INDEX_SUFFIX);
    }

    Path indexTemp(long id) {
        return chunksDir().resolve(hex16(id) + INDEX_SUFFIX + TMP_SUFFIX);
    }

    /** Where a torn tail cut from the chunk at {@code offset} is kept: {@code <hex16>.chunk.broken-<offset>}. */
    Path broken(long id, long offset) {
        return chunksDir().resolve(hex16(id) + CHUNK_SUFFIX + BROKEN_INFIX + offset);
    }

    /** A path relative to the partition directory, for reports. */
    String relative(Path file) {
        return dir.relativize(file).toString();
    }
}
