package io.timevault.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open chunk files by chunk id, shared by readers (positional reads are safe concurrently) and by the writer,
 * which registers its read-write channel for the open chunk. Channels are closed when their chunk is deleted
 * (under the partition's exclusive file lock) or when the partition closes.
 *
 * <p>Thread-safe.
 */
final class ChannelCache implements AutoCloseable {

    private final PartitionFiles files;
    private final ConcurrentHashMap<Long, FileChannel> channels = new ConcurrentHashMap<>();

    ChannelCache(PartitionFiles files) {
        this.files = files;
    }

    FileChannel get(long chunkId) {
        try {
            return channels.computeIfAbsent(chunkId, id -> {
                try {
                    return FileChannel.open(files.chunk(id), StandardOpenOption.READ);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                throw new MissingFileException(files.chunk(chunkId));
            }
            throw new StorageIOException("open", files.chunk(chunkId), e.getCause());
        }
    }

    /** Registers the writer's channel for a chunk, replacing (and closing) any read-only one. */
    void put(long chunkId, FileChannel channel) {
        FileChannel old = channels.put(chunkId, channel);
        if (old != null && old != channel) {
            closeQuietly(old);
        }
    }

    void remove(long chunkId) {
        FileChannel old = channels.remove(chunkId);
        if (old != null) {
            closeQuietly(old);
        }
    }

    @Override
    public void close() {
        channels.values().forEach(ChannelCache::closeQuietly);
        channels.clear();
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing a channel we only read from or already forced loses nothing
        }
    }
}
