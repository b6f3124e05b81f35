package io.timevault.bench;

import com.alipay.sofa.jraft.entity.LogEntry;
import com.alipay.sofa.jraft.storage.impl.RocksDBLogStorage;
import io.timevault.raft.Entry;
import io.timevault.store.StoredRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reading 1,000 consecutive entries from the middle of the big log. {@code read_vs_rocksdb}: through the adapter
 * ({@code tryGetLogEntries}, decoded into {@code Entry<String>}) vs {@code RocksDBLogStorage.getEntry} of the same
 * indexes in a RocksDB log holding as many entries (decoded {@code LogEntry}s). {@code store_read_vs_raw}: the
 * store ({@code Partition.readRange}, records as bytes) vs a raw positional {@code FileChannel.read} of the same
 * byte span of the chunk file (channel kept open, buffer reused). Also in the RAW line: adapter vs raw, and the
 * same entries one by one through the adapter ({@code one_by_one_us}). Warm page cache; interleaved; medians.
 */
final class ReadBench {

    static final int SPAN = 1000;

    private final BenchConfig config;
    private final Report report;

    ReadBench(BenchConfig config, Report report) {
        this.config = config;
        this.report = report;
    }

    void run(Path bigRoot, Path rocksDir, long entries) {
        long from = entries / 2;
        RocksDBLogStorage rocks = rocksLog(rocksDir, entries);
        try (TimevaultLog log = TimevaultLog.open(bigRoot)) {
            List<StoredRecord> records = log.partition.readRange(from, from + SPAN - 1);
            check(records.size() == SPAN, "readRange returned " + records.size() + " records");
            int spanBytes = records.stream().mapToInt(r -> r.bytes().length).sum();
            Path chunk = chunkHolding(log.partition.directory().resolve("chunks"), from);
            try (FileChannel channel = FileChannel.open(chunk, StandardOpenOption.READ)) {
                long offset = lineStart(channel, from);
                ByteBuffer buffer = ByteBuffer.allocate(spanBytes);
                readRaw(channel, buffer, offset);
                check(Arrays.equals(buffer.array(), concat(records, spanBytes)),
                        "raw span at " + offset + " in " + chunk.getFileName() + " is not the adapter's records");
                int reps = config.readRepetitions();
                double[] adapter = new double[reps];
                double[] store = new double[reps];
                double[] raw = new double[reps];
                double[] rocksdb = new double[reps];
                for (int r = -reps / 5 - 1; r < reps; r++) { // the first fifth (and one) warm up
                    long t0 = System.nanoTime();
                    List<Entry<String>> got = log.storage.tryGetLogEntries(from, from + SPAN);
                    long t1 = System.nanoTime();
                    List<StoredRecord> bytes = log.partition.readRange(from, from + SPAN - 1);
                    long t2 = System.nanoTime();
                    readRaw(channel, buffer, offset);
                    long t3 = System.nanoTime();
                    int found = 0;
                    for (long i = from; i < from + SPAN; i++) {
                        found += rocks.getEntry(i) == null ? 0 : 1;
                    }
                    long t4 = System.nanoTime();
                    check(got.size() == SPAN && bytes.size() == SPAN && found == SPAN, "short read");
                    if (r >= 0) {
                        adapter[r] = (t1 - t0) / 1e3;
                        store[r] = (t2 - t1) / 1e3;
                        raw[r] = (t3 - t2) / 1e3;
                        rocksdb[r] = (t4 - t3) / 1e3;
                    }
                }
                double a = Stats.median(adapter);
                double s = Stats.median(store);
                double w = Stats.median(raw);
                double k = Stats.median(rocksdb);
                double single = singleEntryReads(log, from);
                report.raw("read_" + SPAN + "_mid_" + config.bigLogLabel(), "adapter_us=" + Report.num(a)
                        + " store_readrange_us=" + Report.num(s) + " raw_us=" + Report.num(w) + " rocksdb_us="
                        + Report.num(k) + " adapter_vs_raw=" + Report.num(a / w) + " span_bytes=" + spanBytes
                        + " first_index=" + from + " repetitions=" + reps + " one_by_one_us=" + Report.num(single));
                if (!"1g".equals(config.bigLogLabel())) {
                    report.note("read figures read from the middle of a " + config.bigLogLabel()
                            + " log in --quick mode (1 GiB in the full run)");
                }
                report.ratioAtLeast("read_vs_rocksdb", k / a, 1, "adapter_us=" + Report.num(a) + " rocksdb_us="
                        + Report.num(k) + " (time ratio rocksdb/ours)");
                report.ratioAtMost("store_read_vs_raw", s / w, 3, "store_us=" + Report.num(s) + " raw_us="
                        + Report.num(w));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            rocks.shutdown();
        }
    }

    /**
     * A RocksDBLogStorage holding {@code entries} entries with the same 256-byte payloads, written in batches of
     * 1024 without sync (the figure reads, the writing is setup).
     */
    private static RocksDBLogStorage rocksLog(Path dir, long entries) {
        RocksDBLogStorage rocks = RocksDbSink.open(dir, false, false);
        List<LogEntry> batch = new ArrayList<>(1024);
        for (long i = 1; i <= entries; i++) {
            batch.add(RocksDbSink.entry(i));
            if (batch.size() == 1024 || i == entries) {
                check(rocks.appendEntries(batch) == batch.size(), "RocksDB append failed");
                batch.clear();
            }
        }
        return rocks;
    }

    /**
     * The same 1,000 entries read one {@code tryGetLogEntries(i, i + 1)} at a time, as jraft's replicator reads a
     * lagging follower's entries ({@code LogStorage.getEntry}) once they left its memory cache: the median of
     * 5 passes, after one warm-up pass.
     */
    private static double singleEntryReads(TimevaultLog log, long from) {
        double[] passes = new double[5];
        for (int p = -1; p < passes.length; p++) {
            long start = System.nanoTime();
            for (long i = from; i < from + SPAN; i++) {
                check(log.storage.tryGetLogEntries(i, i + 1).size() == 1, "entry " + i + " missing");
            }
            if (p >= 0) {
                passes[p] = (System.nanoTime() - start) / 1e3;
            }
        }
        return Stats.median(passes);
    }

    private static void readRaw(FileChannel channel, ByteBuffer buffer, long offset) throws IOException {
        buffer.clear();
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new IOException("end of file inside the span");
            }
        }
    }

    private static byte[] concat(List<StoredRecord> records, int size) {
        ByteBuffer all = ByteBuffer.allocate(size);
        records.forEach(r -> all.put(r.bytes()));
        return all.array();
    }

    /** The chunk whose id (its first key, the hex file name) is the greatest at or below {@code key}. */
    static Path chunkHolding(Path chunksDir, long key) throws IOException {
        Path best = null;
        long bestId = -1;
        try (var files = Files.list(chunksDir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (!name.endsWith(".chunk")) {
                    continue;
                }
                long id = Long.parseUnsignedLong(name.substring(0, name.length() - ".chunk".length()), 16);
                if (Long.compareUnsigned(id, key) <= 0 && (best == null || Long.compareUnsigned(id, bestId) > 0)) {
                    best = p;
                    bestId = id;
                }
            }
        }
        check(best != null, "no chunk holds key " + key + " in " + chunksDir);
        return best;
    }

    /**
     * The offset of the line whose {@code "timestamp"} is {@code key}: binary search on byte positions (the key
     * of the first line starting at or after a position), then a forward scan. Lines are {@code {"timestamp":N,...}}.
     */
    static long lineStart(FileChannel channel, long key) throws IOException {
        long lo = 0;
        long hi = channel.size();
        while (hi - lo > 1 << 16) {
            long mid = (lo + hi) >>> 1;
            long[] line = firstLineAt(channel, mid);
            if (line != null && line[1] <= key) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        long pos = lo;
        while (true) {
            long[] line = firstLineAt(channel, pos);
            check(line != null && line[1] <= key, "key " + key + " not found in chunk");
            if (line[1] == key) {
                return line[0];
            }
            pos = line[0] + 1;
        }
    }

    /** {start, key} of the first line starting at or after {@code pos}, or null if none. */
    private static long[] firstLineAt(FileChannel channel, long pos) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        long start = pos;
        if (pos > 0) { // find the LF ending the line that holds pos - 1
            long at = pos - 1;
            while (true) {
                buf.clear();
                int n = channel.read(buf, at);
                if (n <= 0) {
                    return null;
                }
                int lf = indexOf(buf.array(), n, (byte) '\n');
                if (lf >= 0) {
                    start = at + lf + 1;
                    break;
                }
                at += n;
            }
        }
        buf.clear();
        int n = channel.read(buf, start);
        if (n <= 0) {
            return null;
        }
        String head = new String(buf.array(), 0, Math.min(n, 64), StandardCharsets.US_ASCII);
        String prefix = "{\"timestamp\":";
        check(head.startsWith(prefix), "unexpected line at " + start + ": " + head);
        int end = prefix.length();
        while (end < head.length() && Character.isDigit(head.charAt(end))) {
            end++;
        }
        return new long[] {start, Long.parseLong(head.substring(prefix.length(), end))};
    }

    private static int indexOf(byte[] b, int n, byte x) {
        for (int i = 0; i < n; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
