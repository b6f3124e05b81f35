package io.timevault.bench;

import java.nio.file.Path;

/**
 * Figures 1 and 2: durable append throughput of the timevault adapter against raw disk and against jraft's
 * RocksDBLogStorage, for batches of 1, 64 and 1024 entries. For each batch size the three stores run in
 * interleaved rounds (order rotated each round, one warm-up round each) on fresh logs; each figure is the median
 * round throughput in entries per second. A fourth store, the partition's own {@code appendAll} + {@code sync},
 * runs alongside for the breakdown ({@link StoreSink}); it is reported in the RAW line only.
 */
final class AppendBench {

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
                + "-byte JSON line; raw = one FileChannel.write of the batch's bytes + force(false) per batch;"
                + " rocksdb = RocksDBLogStorage.appendEntries per batch with RaftOptions.sync=true");
        for (int i = 0; i < BenchConfig.BATCH_SIZES.length; i++) {
            int batch = BenchConfig.BATCH_SIZES[i];
            int batches = Math.max(1, config.appendEntries()[i] / batch);
            measure(batch, batches, recordBytes);
        }
    }

    private void measure(int batch, int batches, long recordBytes) {
        Path dir = dirs.fresh("append-b" + batch);
        String[] names = {"timevault", "raw", "rocksdb", "store_appendall"};
        int rounds = config.appendRounds();
        double[][] perSecond = new double[names.length][rounds];
        String detail;
        try (AppendSink timevault = new TimevaultSink(dir.resolve("timevault"));
             AppendSink raw = new RawDiskSink(BenchDirs.mkdirs(dir.resolve("raw")).resolve("log"));
             AppendSink rocks = new RocksDbSink(BenchDirs.mkdirs(dir.resolve("rocksdb")));
             AppendSink store = new StoreSink(dir.resolve("store"))) {
            AppendSink[] sinks = {timevault, raw, rocks, store};
            long[] next = {1, 1, 1, 1};
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
        double raw = Stats.median(perSecond[1]);
        double rocks = Stats.median(perSecond[2]);
        StringBuilder rawLine = new StringBuilder();
        for (int s = 0; s < names.length; s++) {
            double m = Stats.median(perSecond[s]);
            rawLine.append(names[s]).append("_entries_per_s=").append(Report.num(m)).append(' ');
            rawLine.append(names[s]).append("_mb_per_s=").append(Report.num(m * recordBytes / 1e6)).append(' ');
        }
        rawLine.append(detail).append(" entries_per_round=").append((long) batches * batch).append(" rounds=").append(rounds)
                .append(" (mb_per_s counts timevault record bytes for every store)");
        report.raw("append_b" + batch, rawLine.toString());
        report.ratioAtLeast("append_vs_raw_b" + batch, tv / raw, 0.8,
                "timevault=" + Report.num(tv) + "/s raw=" + Report.num(raw) + "/s");
        report.ratioAtLeast("append_vs_rocksdb_b" + batch, tv / rocks, 2,
                "timevault=" + Report.num(tv) + "/s rocksdb=" + Report.num(rocks) + "/s");
    }
}
