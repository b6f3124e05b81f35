package io.timevault.store;

import java.util.List;

/**
 * An immutable snapshot of one chunk, as readers see it: its manifest line, the bytes they may read and the
 * index blocks covering a prefix of them. The writer publishes a new view after each change; a reader holding an
 * old view keeps reading a consistent prefix.
 *
 * @param line     the chunk's manifest line
 * @param maxKey   the largest key the chunk holds (for the open chunk: the last appended key)
 * @param length   bytes readers may read; for the open chunk, everything appended so far
 * @param blocks   the index blocks, or {@code null} for a closed chunk whose index is loaded on first use
 * @param lazy     loader of a closed chunk's index (used when {@code blocks} is null)
 */
record ChunkView(ManifestLine line, long maxKey, long length, List<IndexBlock> blocks, LazyIndex lazy) {

    long id() {
        return line.chunkId();
    }

    long minKey() {
        return line.minOrderKey();
    }

    List<IndexBlock> indexBlocks() {
        return blocks != null ? blocks : lazy.blocks();
    }

    ChunkView withLine(ManifestLine newLine) {
        return new ChunkView(newLine, maxKey, length, blocks, lazy);
    }
}
