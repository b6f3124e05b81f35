package io.timevault.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index of a closed chunk, read on first use so that opening a partition costs O(chunks), not O(index
 * bytes). If the file does not cover the whole chunk (a crash before its last line, a file from timevault-rs, or
 * damage) the missing blocks are rebuilt in memory from the chunk; the file itself is only rewritten by the
 * writer, never by a reader. The chunk is closed, so its last record must carry its manifest line's
 * {@code max_order_key}: when it does not, bytes of durable data were lost and every read of the chunk fails with
 * {@link CorruptFileException} rather than returning the log with a hole.
 *
 * <p>Thread-safe: the first caller loads, later callers reuse the loaded list.
 */
final class LazyIndex {

    private static final Logger log = LoggerFactory.getLogger(LazyIndex.class);

    private final PartitionFiles files;
    private final long chunkId;
    private final long chunkLength;
    private final long maxKey;
    private final PartitionConfig config;
    private final FormatPlugin format;
    private final ChannelCache channels;
    private volatile List<IndexBlock> blocks;

    LazyIndex(PartitionFiles files, long chunkId, long chunkLength, long maxKey, PartitionConfig config,
            FormatPlugin format, ChannelCache channels) {
        this.files = files;
        this.chunkId = chunkId;
        this.chunkLength = chunkLength;
        this.maxKey = maxKey;
        this.config = config;
        this.format = format;
        this.channels = channels;
    }

    List<IndexBlock> blocks() {
        List<IndexBlock> b = blocks;
        if (b == null) {
            synchronized (this) {
                b = blocks;
                if (b == null) {
                    b = load();
                    blocks = b;
                }
            }
        }
        return b;
    }

    private List<IndexBlock> load() {
        IndexFile.Loaded loaded = IndexFile.loadValidPrefix(files.index(chunkId), chunkLength);
        try {
            return checkComplete(channels.read(chunkId, ch -> load(loaded, ch)));
        } catch (IOException e) {
            throw new StorageIOException("read", files.chunk(chunkId), e);
        }
    }

    private List<IndexBlock> checkComplete(List<IndexBlock> loaded) {
        long last = loaded.isEmpty() ? 0 : loaded.get(loaded.size() - 1).maxKey();
        if (loaded.isEmpty() || last != maxKey) {
            throw new CorruptFileException(files.chunk(chunkId), chunkLength, "closed chunk ends with "
                    + (loaded.isEmpty() ? "no record" : "key " + Long.toUnsignedString(last))
                    + " but its manifest line says max_order_key " + Long.toUnsignedString(maxKey)
                    + ": durable records were lost");
        }
        return loaded;
    }

    private List<IndexBlock> load(IndexFile.Loaded loaded, FileChannel ch) throws IOException {
        List<IndexBlock> result = new ArrayList<>(loaded.blocks());
        // as for the last chunk (TailLoader): a damaged length can end a block mid-record; trust only record boundaries
        String dropped = BlockVerifier.dropUnterminated(ch, files.chunk(chunkId), result, loaded.dropped());
        long covered = result.isEmpty() ? 0 : result.get(result.size() - 1).end();
        if (covered == chunkLength) {
            return List.copyOf(result);
        }
        log.warn("index {} covers {} of {} bytes{}; rebuilding the rest in memory", files.index(chunkId), covered,
                chunkLength, dropped == null ? "" : " (" + dropped + ")");
        RecordScanner s = new RecordScanner(ch, files.chunk(chunkId), format, covered, chunkLength);
        BlockBuilder builder = new BlockBuilder(config);
        while (s.next()) {
            IndexBlock done = s.addTo(builder);
            if (done != null) {
                result.add(done);
            }
        }
        if (s.badOffset() >= 0) {
            throw new CorruptFileException(files.chunk(chunkId), s.badOffset(), s.badReason());
        }
        IndexBlock last = builder.takeIfAny();
        if (last != null) {
            result.add(last);
        }
        return List.copyOf(result);
    }
}
