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

    /** Appends completed blocks {@code [persisted, upTo)} to the index file and forces it; idempotent. */
    synchronized void persistIndex(int upTo) throws IOException {
        if (upTo <= persisted) {
            return;
        }
        if (indexChannel == null) {
            indexChannel = FileChannel.open(files.index(id()), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
        byte[] lines = IndexFile.encode(new BlockList(blocks, upTo), persisted, upTo);
        DurableFiles.writeFully(indexChannel, ByteBuffer.wrap(lines), indexSize);
        indexChannel.force(false);
        indexSize += lines.length;
        persisted = upTo;
    }

    synchronized void closeIndex() throws IOException {
        if (indexChannel != null) {
            indexChannel.close();
            indexChannel = null;
        }
    }
}
