package io.timevault.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open chunk files by chunk id, shared by readers (positional reads are safe concurrently) and by the writer,
 * which registers its read-write channel for the open chunk. Channels are closed when their chunk is deleted
 * (under the partition's exclusive file lock), when the partition closes, and when more than
 * {@value #MAX_READ_CHANNELS} closed chunks are open (so a long log does not exhaust file descriptors). A reader
 * whose channel was evicted under it sees a {@link java.nio.channels.ClosedChannelException} and retries with a
 * fresh one ({@link #read}).
 *
 * <p>Thread-safe.
 */
final class ChannelCache implements AutoCloseable {

    static final int MAX_READ_CHANNELS = 64;

    private final PartitionFiles files;
    private final ConcurrentHashMap<Long, FileChannel> channels = new ConcurrentHashMap<>();
    private volatile long pinned = -1;
    private volatile boolean hasPinned;

    /** Work on one chunk's channel that may be retried if the channel is closed under it. */
    interface ChannelWork<T> {
        T run(FileChannel channel) throws IOException;
    }

    ChannelCache(PartitionFiles files) {
        this.files = files;
    }

    /** Runs {@code work} on the chunk's channel, retrying with a reopened channel if an eviction closed it. */
    <T> T read(long chunkId, ChannelWork<T> work) throws IOException {
        for (int attempt = 0; ; attempt++) {
            FileChannel ch = get(chunkId);
            try {
                return work.run(ch);
            } catch (java.nio.channels.ClosedChannelException e) {
                if (attempt >= 3 || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                channels.remove(chunkId, ch);
            }
        }
    }

    FileChannel get(long chunkId) {
        FileChannel ch = open(chunkId);
        if (channels.size() > MAX_READ_CHANNELS) {
            evict(chunkId);
        }
        return ch;
    }

    private void evict(long keep) {
        for (Long id : channels.keySet()) {
            if (channels.size() <= MAX_READ_CHANNELS / 2) {
                return;
            }
            if (id != keep && !(hasPinned && id == pinned)) {
                remove(id);
            }
        }
    }

    private FileChannel open(long chunkId) {
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

    /** Registers the writer's channel for the open chunk (never evicted), replacing any read-only one. */
    void put(long chunkId, FileChannel channel) {
        pinned = chunkId;
        hasPinned = true;
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
