package io.timevault.raft.benchmark;

import io.timevault.raft.Entry;
import io.timevault.raft.JacksonFormatPlugin;
import io.timevault.raft.LogId;
import io.timevault.raft.TimevaultLogStorage;
import io.timevault.store.PartitionConfig;
import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Durable append throughput of {@link TimevaultLogStorage} next to the floor the disk allows: a raw
 * {@link FileChannel} loop that writes the very same record bytes in the same batches (one gathering write per
 * batch) and forces each batch ({@code force(false)}, the fsync the partition uses). Entries carry 256-byte string
 * payloads; each adapter batch is one {@code append} call whose callback is awaited, so every batch costs one fsync
 * in both loops. Rounds alternate raw and adapter runs on fresh files. Columns: median entries per second, the
 * ratio of the medians and of the best rounds, milliseconds per batch, and the share of the adapter's time spent in
 * the partition's fsync (the rest is encoding, the store's append and the hand-offs to and from the writer thread).
 *
 * <p>Not a test. Run (see the module README):
 * {@code mvn -q -pl timevault-raft -am test-compile exec:java -Dexec.skip=true -Dexec.mainClass=io.timevault.raft.benchmark.AppendBenchmark}
 * with optional {@code -Dexec.args="<rounds> <directory>"} (default 3 rounds in the system temp directory).
 */
public final class AppendBenchmark {

    private static final int PAYLOAD_BYTES = 256;
    /** Batch size → number of batches per run: about 2 s each on an SSD. */
    private static final int[][] PLAN = {{1, 1500}, {64, 500}, {1024, 80}};

    /** Share of the last adapter run spent in {@code partition.sync()}. */
    private static double syncShare;

    private AppendBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path base = Files.createTempDirectory(args.length > 1 ? Path.of(args[1]) : Path.of(System.getProperty("java.io.tmpdir")),
                "append-benchmark");
        JacksonFormatPlugin<String> codec = JacksonFormatPlugin.forType(String.class);
        String payload = "x".repeat(PAYLOAD_BYTES);
        System.out.printf("durable appends, %d-byte payloads, %d rounds, in %s%n", PAYLOAD_BYTES, rounds, base);
        System.out.printf("%6s %9s %12s %12s %7s %7s %12s %12s %10s%n", "batch", "record B", "adapter e/s", "raw e/s",
                "ratio", "best", "adapter ms", "raw ms", "in fsync");
        try {
            for (int[] plan : PLAN) {
                int batch = plan[0];
                int batches = plan[1];
                List<List<Entry<String>>> entries = entries(batch, batches, payload);
                List<byte[][]> records = encode(entries, codec);
                double[] adapter = new double[rounds];
                double[] raw = new double[rounds];
                double[] inSync = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    raw[r] = raw(base.resolve("raw-" + batch + "-" + r), records);
                    adapter[r] = adapter(base.resolve("adapter-" + batch + "-" + r), entries, codec);
                    inSync[r] = syncShare;
                }
                double adapterMedian = median(adapter);
                double rawMedian = median(raw);
                System.out.printf("%6d %9d %12.0f %12.0f %7.2f %7.2f %12.3f %12.3f %9.0f%%   rounds: adapter %s, raw %s%n",
                        batch, records.get(0)[0].length, adapterMedian, rawMedian, adapterMedian / rawMedian,
                        Arrays.stream(adapter).max().orElseThrow() / Arrays.stream(raw).max().orElseThrow(),
                        batch * 1e3 / adapterMedian, batch * 1e3 / rawMedian, median(inSync) * 100,
                        Arrays.toString(round(adapter)), Arrays.toString(round(raw)));
            }
        } finally {
            deleteRecursively(base);
        }
    }

    /** Entries per second through the adapter: one append per batch, waiting for its durability callback. */
    private static double adapter(Path root, List<List<Entry<String>>> batches, JacksonFormatPlugin<String> codec) {
        try (TimevaultStore store = TimevaultStore.open(root, StoreOptions.DEFAULTS);
             TimevaultLogStorage<String> storage = TimevaultLogStorage.open(
                     store.createPartition(UUID.randomUUID(), PartitionConfig.defaults()), codec)) {
            long entries = 0;
            long start = System.nanoTime();
            for (List<Entry<String>> batch : batches) {
                storage.blockingAppend(batch);
                entries += batch.size();
            }
            long nanos = System.nanoTime() - start;
            syncShare = (double) storage.metrics().syncNanosTotal() / nanos;
            if (storage.metrics().syncs() != batches.size()) {
                throw new IllegalStateException("expected one fsync per batch, saw " + storage.metrics().syncs());
            }
            return entries * 1e9 / nanos;
        }
    }

    /** Entries per second writing the same bytes with one gathering write and one force per batch. */
    private static double raw(Path file, List<byte[][]> batches) throws IOException {
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long entries = 0;
            long start = System.nanoTime();
            for (byte[][] batch : batches) {
                ByteBuffer[] buffers = new ByteBuffer[batch.length];
                for (int i = 0; i < batch.length; i++) {
                    buffers[i] = ByteBuffer.wrap(batch[i]);
                }
                while (buffers[buffers.length - 1].hasRemaining()) {
                    channel.write(buffers);
                }
                channel.force(false);
                entries += batch.length;
            }
            long nanos = System.nanoTime() - start;
            return entries * 1e9 / nanos;
        }
    }

    private static List<List<Entry<String>>> entries(int batch, int batches, String payload) {
        List<List<Entry<String>>> all = new ArrayList<>(batches);
        long index = 0;
        for (int b = 0; b < batches; b++) {
            List<Entry<String>> entries = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                entries.add(Entry.normal(LogId.of(1, 0, index++), payload));
            }
            all.add(entries);
        }
        return all;
    }

    private static List<byte[][]> encode(List<List<Entry<String>>> batches, JacksonFormatPlugin<String> codec) {
        List<byte[][]> encoded = new ArrayList<>(batches.size());
        for (List<Entry<String>> batch : batches) {
            encoded.add(batch.stream().map(codec::encode).toArray(byte[][]::new));
        }
        return encoded;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static long[] round(double[] values) {
        return Arrays.stream(values).mapToLong(Math::round).toArray();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
