package io.timevault.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index of a closed chunk, read on first use so that opening a partition costs O(chunks), not O(index
 * bytes). If the file does not cover the whole chunk (a crash before its last line, a file from timevault-rs, or
 * damage) the missing blocks are rebuilt in memory from the chunk; the file itself is only rewritten by the
 * writer, never by a reader.
 *
 * <p>Thread-safe: the first caller loads, later callers reuse the loaded list.
 */
final class LazyIndex {

    private static final Logger log = LoggerFactory.getLogger(LazyIndex.class);

    private final PartitionFiles files;
    private final long chunkId;
    private final long chunkLength;
    private final PartitionConfig config;
    private final FormatPlugin format;
    private final ChannelCache channels;
    private volatile List<IndexBlock> blocks;

    LazyIndex(PartitionFiles files, long chunkId, long chunkLength, PartitionConfig config, FormatPlugin format,
            ChannelCache channels) {
        this.files = files;
        this.chunkId = chunkId;
        this.chunkLength = chunkLength;
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
        List<IndexBlock> result = new ArrayList<>(loaded.blocks());
        long covered = result.isEmpty() ? 0 : result.get(result.size() - 1).end();
        if (covered == chunkLength) {
            return List.copyOf(result);
        }
        log.warn("index {} covers {} of {} bytes{}; rebuilding the rest in memory", files.index(chunkId), covered,
                chunkLength, loaded.dropped() == null ? "" : " (" + loaded.dropped() + ")");
        try {
            result.addAll(channels.read(chunkId, ch -> {
                List<IndexBlock> rebuilt = new ArrayList<>();
                RecordScanner s = new RecordScanner(ch, files.chunk(chunkId), format, covered, chunkLength);
                BlockBuilder builder = new BlockBuilder(config);
                while (s.next()) {
                    IndexBlock done = builder.add(s.key(), s.offset(), s.length());
                    if (done != null) {
                        rebuilt.add(done);
                    }
                }
                if (s.badOffset() >= 0) {
                    throw new CorruptFileException(files.chunk(chunkId), s.badOffset(), s.badReason());
                }
                IndexBlock last = builder.takeIfAny();
                if (last != null) {
                    rebuilt.add(last);
                }
                return rebuilt;
            }));
        } catch (IOException e) {
            throw new StorageIOException("read", files.chunk(chunkId), e);
        }
        return List.copyOf(result);
    }
}
