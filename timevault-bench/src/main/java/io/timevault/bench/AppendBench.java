package io.timevault.bench;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Figures 1 and 2: durable append throughput of the timevault adapter against raw disk and against jraft's
 * RocksDB log stores, for batches of 1, 64 and 1024 entries. For each batch size every store runs in interleaved
 * rounds (order rotated each round, one warm-up round each) on fresh logs; each store's figure is its median round
 * throughput in entries per second. The raw baseline is the best of three raw loops ({@link RawDiskSink.Mode}:
 * growing, fallocated, overwritten file), the RocksDB baseline the better of {@code RocksDBLogStorage} and
 * {@code RocksDBSegmentLogStorage}: the ratios are against the strongest competitor measured. The partition's own
 * {@code appendAll} + {@code sync} runs alongside for the breakdown ({@link StoreSink}), in the RAW line only.
 */
final class AppendBench {

    /** Targets of issue 13 per batch size (indexed like {@link BenchConfig#BATCH_SIZES}). */
    static final double[] VS_RAW = {0.9, 0.8, 0.8};
    static final double[] VS_ROCKSDB = {1.0, 1.5, 2.0};

    private final BenchConfig config;
    private final Report report;
    private final BenchDirs dirs;

    AppendBench(BenchConfig config, Report report, BenchDirs dirs) {
        this.config = config;
        this.report = report;
        this.dirs = dirs;
    }

    void run() {
        long recordBytes = Payloads.record(1_000_000).length;
        report.note("append: entries carry 256-byte payloads; a timevault record is a ~" + recordBytes
                + "-byte JSON line; raw = one FileChannel.write of the batch's bytes + force(false) per batch, on a"
                + " growing / fallocated (KEEP_SIZE) / overwritten file, the best of the three counts;"
                + " rocksdb = RocksDBLogStorage / RocksDBSegmentLogStorage.appendEntries per batch with"
                + " RaftOptions.sync=true, the better of the two counts");
        for (int i = 0; i < BenchConfig.BATCH_SIZES.length; i++) {
            int batch = BenchConfig.BATCH_SIZES[i];
            int batches = Math.max(1, config.appendEntries()[i] / batch);
            measure(i, batch, batches, recordBytes);
        }
    }

    private void measure(int size, int batch, int batches, long recordBytes) {
        Path dir = dirs.fresh("append-b" + batch);
        String[] names = {"timevault", "raw", "raw_prealloc", "raw_overwrite", "rocksdb", "rocksdb_segment",
                "store_appendall"};
        int rounds = config.appendRounds();
        double[][] perSecond = new double[names.length][rounds];
        String detail;
        try (AppendSink timevault = new TimevaultSink(dir.resolve("timevault"));
             AppendSink raw = raw(dir, RawDiskSink.Mode.GROWING);
             AppendSink prealloc = raw(dir, RawDiskSink.Mode.PREALLOCATED);
             AppendSink overwrite = raw(dir, RawDiskSink.Mode.OVERWRITE);
             AppendSink rocks = new RocksDbSink(BenchDirs.mkdirs(dir.resolve("rocksdb")), false);
             AppendSink segments = new RocksDbSink(BenchDirs.mkdirs(dir.resolve("rocksdb-segment")), true);
             AppendSink store = new StoreSink(dir.resolve("store"))) {
            AppendSink[] sinks = {timevault, raw, prealloc, overwrite, rocks, segments, store};
            long[] next = new long[sinks.length];
            Arrays.fill(next, 1);
            for (int round = -1; round < rounds; round++) { // round -1: warm-up, not counted
                for (int k = 0; k < sinks.length; k++) {
                    int s = Math.floorMod(k + round, sinks.length); // rotate who goes first
                    Runnable work = sinks[s].prepare(next[s], batches, batch);
                    long start = System.nanoTime();
                    work.run();
                    long nanos = System.nanoTime() - start;
                    next[s] += (long) batches * batch;
                    if (round >= 0) {
                        perSecond[s][round] = (double) batches * batch / (nanos / 1e9);
                    }
                }
            }
            detail = timevault.detail();
        }
        dirs.delete(dir);
        double tv = Stats.median(perSecond[0]);
        int rawBest = best(perSecond, 1, 3);
        int rocksBest = best(perSecond, 4, 5);
        double raw = Stats.median(perSecond[rawBest]);
        double rocks = Stats.median(perSecond[rocksBest]);
        StringBuilder rawLine = new StringBuilder();
        for (int s = 0; s < names.length; s++) {
            double m = Stats.median(perSecond[s]);
            rawLine.append(names[s]).append("_entries_per_s=").append(Report.num(m)).append(' ');
            rawLine.append(names[s]).append("_mb_per_s=").append(Report.num(m * recordBytes / 1e6)).append(' ');
        }
        rawLine.append(detail).append(" entries_per_round=").append((long) batches * batch).append(" rounds=").append(rounds)
                .append(" (mb_per_s counts timevault record bytes for every store)");
        report.raw("append_b" + batch, rawLine.toString());
        report.ratioAtLeast("append_vs_raw_b" + batch, tv / raw, VS_RAW[size],
                "timevault=" + Report.num(tv) + "/s raw=" + Report.num(raw) + "/s best=" + names[rawBest]);
        report.ratioAtLeast("append_vs_rocksdb_b" + batch, tv / rocks, VS_ROCKSDB[size],
                "timevault=" + Report.num(tv) + "/s rocksdb=" + Report.num(rocks) + "/s best=" + names[rocksBest]);
    }

    private static AppendSink raw(Path dir, RawDiskSink.Mode mode) {
        return new RawDiskSink(BenchDirs.mkdirs(dir.resolve(mode.label)).resolve("log"), mode);
    }

    /** The store in {@code [from, to]} with the highest median throughput. */
    private static int best(double[][] perSecond, int from, int to) {
        int best = from;
        for (int s = from + 1; s <= to; s++) {
            if (Stats.median(perSecond[s]) > Stats.median(perSecond[best])) {
                best = s;
            }
        }
        return best;
    }
}
