package io.timevault.bench;

import java.nio.file.Path;

/**
 * Figure 3: time to open (recover) a big log vs a 1 MiB log — store, partition and adapter, as a restarting node
 * does. Both logs were closed cleanly; reopens alternate between them (one untimed warm-up each) and the figure
 * is the median. The files are in the page cache for both (the logs were just written); this measures the work
 * recovery does, not cold disk reads.
 */
final class OpenBench {

    private final BenchConfig config;
    private final Report report;
    private final BenchDirs dirs;

    OpenBench(BenchConfig config, Report report, BenchDirs dirs) {
        this.config = config;
        this.report = report;
        this.dirs = dirs;
    }

    void run(Path bigRoot) {
        Path smallRoot = dirs.fresh("open-small");
        try (TimevaultLog log = TimevaultLog.open(smallRoot)) {
            log.fill(config.smallLogBytes(), 1024);
        }
        int reps = config.openRepetitions();
        double[] big = new double[reps];
        double[] small = new double[reps];
        for (int r = -1; r < reps; r++) {
            double b = timeOpen(bigRoot);
            double s = timeOpen(smallRoot);
            if (r >= 0) {
                big[r] = b;
                small[r] = s;
            }
        }
        dirs.delete(smallRoot);
        double bigMs = Stats.median(big);
        double smallMs = Stats.median(small);
        String name = "open_" + config.bigLogLabel() + "_vs_1m";
        report.raw(name, "big_ms=" + Report.num(bigMs) + " small_ms=" + Report.num(smallMs) + " repetitions=" + reps
                + " big_bytes=" + config.bigLogBytes() + " small_bytes=" + config.smallLogBytes());
        if (!name.equals("open_1g_vs_1m")) {
            report.note(name + " stands for open_1g_vs_1m in --quick mode (big log " + config.bigLogLabel() + ")");
        }
        report.ratioAtMost(name, bigMs / smallMs, 1.5,
                "big_ms=" + Report.num(bigMs) + " small_ms=" + Report.num(smallMs));
    }

    private static double timeOpen(Path root) {
        long start = System.nanoTime();
        TimevaultLog log = TimevaultLog.open(root);
        long nanos = System.nanoTime() - start;
        log.close();
        return Stats.millis(nanos);
    }
}
