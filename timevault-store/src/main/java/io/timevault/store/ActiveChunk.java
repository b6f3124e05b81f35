package io.timevault.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * The chunk appends go to: its read-write channel, its size, its completed index blocks and the block being
 * filled. Completed blocks reach the {@code .index} file only through {@link #persistIndex(int)}, which callers
 * invoke after forcing the chunk, so an index line never points past durable data.
 *
 * <p>Thread rule: every field except the persisted-block count is owned by the partition's write lock;
 * {@link #persistIndex} synchronizes on this object so a sync and a roll can both call it safely.
 */
final class ActiveChunk {

    private final PartitionFiles files;
    final FileChannel channel;
    final BlockBuilder builder;
    ManifestLine line;
    long size;
    long maxKey;
    private IndexBlock[] blocks;
    private int blockCount;
    private int persisted;
    private long indexSize;
    private FileChannel indexChannel;
    /** Set by a roll once this chunk's data and index were forced; its channel may then be closed. */
    volatile boolean sealed;

    ActiveChunk(PartitionFiles files, ManifestLine line, FileChannel channel, PartitionConfig config, long size,
            long maxKey, List<IndexBlock> completed, int persisted, long indexSize, BlockBuilder builder) {
        this.files = files;
        this.line = line;
        this.channel = channel;
        this.builder = builder != null ? builder : new BlockBuilder(config);
        this.size = size;
        this.maxKey = maxKey;
        this.blocks = completed.toArray(new IndexBlock[Math.max(16, completed.size() * 2)]);
        this.blockCount = completed.size();
        this.persisted = persisted;
        this.indexSize = indexSize;
    }

    long id() {
        return line.chunkId();
    }

    void addBlock(IndexBlock b) {
        if (blockCount == blocks.length) {
            blocks = Arrays.copyOf(blocks, blocks.length * 2);
        }
        blocks[blockCount++] = b;
    }

    int blockCount() {
        return blockCount;
    }

    List<IndexBlock> blocks() {
        return new BlockList(blocks, blockCount);
    }

    ChunkView view() {
        return new ChunkView(line, maxKey, size, blocks(), null);
    }

    /**
     * Appends completed blocks {@code [persisted, upTo)} to the index file; idempotent. Callers force the chunk
     * first. The index is not forced here: it is derived data, and a line lost or torn by a power failure is
     * rebuilt from the (durable) chunk at the next open, so one fsync per sync is enough. A roll and a close force
     * it through {@link #forceIndex()}.
     */
    synchronized void persistIndex(int upTo) throws IOException {
        if (upTo <= persisted) {
            return;
        }
        if (indexChannel == null) {
            indexChannel = FileChannel.open(files.index(id()), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
        byte[] lines = IndexFile.encode(new BlockList(blocks, upTo), persisted, upTo);
        DurableFiles.writeFully(indexChannel, ByteBuffer.wrap(lines), indexSize);
        indexSize += lines.length;
        persisted = upTo;
    }

    /** Forces what {@link #persistIndex} wrote (at a roll and at close, so a closed chunk's index is durable). */
    synchronized void forceIndex() throws IOException {
        if (indexChannel != null) {
            indexChannel.force(false);
        }
    }

    synchronized void closeIndex() throws IOException {
        if (indexChannel != null) {
            indexChannel.close();
            indexChannel = null;
        }
    }
}
