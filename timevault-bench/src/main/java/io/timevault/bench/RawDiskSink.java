package io.timevault.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The disk's own speed: the same bytes the adapter writes (its JSON lines, encoded before the clock starts), one
 * {@code FileChannel.write} of the whole batch, then {@code force(false)} (fdatasync, as the store's sync), per
 * batch, in one of three kinds of file ({@link Mode}). The best of the three is the disk's limit the append ratios
 * are taken against: on ext4 a growing file needs a metadata commit on most fdatasyncs, space written before
 * does not.
 */
final class RawDiskSink implements AppendSink {

    /** How the file's space is prepared, outside the clock, before each round. */
    enum Mode {
        /** Appends to a file that grows, like a chunk today. */
        GROWING("raw"),
        /** Appends into space reserved by {@code fallocate(KEEP_SIZE)} before the round: the size still grows. */
        PREALLOCATED("raw_prealloc"),
        /** Overwrites space written with zeros and synced before the round: no allocation, no size change. */
        OVERWRITE("raw_overwrite");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    private final Path file;
    private final Mode mode;
    private final FileChannel channel;
    private long position;

    RawDiskSink(Path file, Mode mode) {
        this.file = file;
        this.mode = mode;
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Runnable prepare(long first, int batches, int batchSize) {
        List<ByteBuffer> input = new ArrayList<>(batches);
        long total = 0;
        for (int b = 0; b < batches; b++) {
            List<byte[]> records = new ArrayList<>(batchSize);
            int size = 0;
            for (int i = 0; i < batchSize; i++) {
                byte[] r = Payloads.record(first + (long) b * batchSize + i);
                records.add(r);
                size += r.length;
            }
            ByteBuffer buffer = ByteBuffer.allocateDirect(size);
            records.forEach(buffer::put);
            input.add(buffer.flip());
            total += size;
        }
        try {
            reserve(total);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return () -> {
            try {
                for (ByteBuffer buffer : input) {
                    while (buffer.hasRemaining()) {
                        position += channel.write(buffer, position);
                    }
                    channel.force(false);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private void reserve(long bytes) throws IOException {
        switch (mode) {
            case GROWING -> {
            }
            case PREALLOCATED -> Fallocate.keepSize(file, position, bytes);
            case OVERWRITE -> {
                ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
                for (long at = position; at < position + bytes; ) {
                    zeros.clear().limit((int) Math.min(zeros.capacity(), position + bytes - at));
                    at += channel.write(zeros, at);
                }
                channel.force(true);
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
