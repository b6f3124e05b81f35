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
 * {@code FileChannel.write} of the whole batch, then {@code force(false)} (fdatasync, as the store's sync), per batch.
 * Appends to one preallocated-nothing file, like a chunk.
 */
final class RawDiskSink implements AppendSink {

    private final FileChannel channel;

    RawDiskSink(Path file) {
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Runnable prepare(long first, int batches, int batchSize) {
        List<ByteBuffer> input = new ArrayList<>(batches);
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
        }
        return () -> {
            try {
                for (ByteBuffer buffer : input) {
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(false);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
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
