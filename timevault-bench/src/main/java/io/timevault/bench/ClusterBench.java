package io.timevault.bench;

import com.alipay.sofa.jraft.core.DefaultJRaftServiceFactory;
import java.nio.file.Path;

/**
 * Figure 6: commit throughput of a 3-node SOFAJRaft cluster on 127.0.0.1 with the timevault log
 * ({@code TimevaultJRaftServiceFactory}) vs jraft's default RocksDB log, same load ({@link ClusterRun}). The two
 * kinds of cluster alternate (two runs each with --quick, three each otherwise) after one short unmeasured run of
 * each; the figure is the median of each kind's runs.
 */
final class ClusterBench {

    static final int WARM_UP_SECONDS = 1;

    private final BenchConfig config;
    private final Report report;
    private final BenchDirs dirs;

    ClusterBench(BenchConfig config, Report report, BenchDirs dirs) {
        this.config = config;
        this.report = report;
        this.dirs = dirs;
    }

    void run() {
        int runs = config.quick() ? 2 : 3;
        double[] rocks = new double[runs];
        double[] ours = new double[runs];
        // jraft, bolt and netty are cold in this JVM until a cluster ran: a short unmeasured run of each first, or
        // whichever kind goes first pays for the JIT (seen: 27k vs 55k commits/s for the same RocksDB cluster).
        runOnce("rocksdb", false, WARM_UP_SECONDS);
        runOnce("timevault", true, WARM_UP_SECONDS);
        for (int r = 0; r < runs; r++) {
            for (int k = 0; k < 2; k++) {
                boolean timevault = (k + r) % 2 == 1; // rocksdb first in even runs, timevault first in odd ones
                String name = timevault ? "timevault" : "rocksdb";
                ClusterRun.Result result = runOnce(name, timevault, config.clusterSeconds());
                if (result.failed() > 0) { // leadership changed under load: the run measured an election, retry once
                    report.note("cluster " + name + " run " + r + " lost the leader (" + result.describe()
                            + "); running it again");
                    result = runOnce(name, timevault, config.clusterSeconds());
                    if (result.failed() > 0) {
                        throw new IllegalStateException("cluster " + name + " lost its leader twice: "
                                + result.describe());
                    }
                }
                report.raw("cluster_" + name + "_run" + r, result.describe());
                if (!result.caughtUp()) {
                    report.note("cluster " + name + " run " + r + ": a follower had not caught up "
                            + Math.min(30, 2 * config.clusterSeconds()) + " s after the load stopped (applied counts"
                            + " differ); the commit rate stands, it is the leader's");
                }
                (timevault ? ours : rocks)[r] = result.commitsPerSecond();
            }
        }
        double tv = Stats.median(ours);
        double rk = Stats.median(rocks);
        report.ratioAtLeast("cluster_vs_rocksdb", tv / rk, 1.2, "timevault=" + Report.num(tv) + "/s rocksdb="
                + Report.num(rk) + "/s runs=" + runs + " seconds=" + config.clusterSeconds() + " window="
                + ClusterRun.WINDOW);
    }

    private ClusterRun.Result runOnce(String name, boolean timevault, int seconds) {
        Path dir = dirs.fresh("cluster-" + name);
        ClusterRun.NodeStorage storage = timevault ? new TimevaultFactories()
                : node -> DefaultJRaftServiceFactory.newInstance();
        try {
            return new ClusterRun(dir, storage, seconds).run();
        } finally {
            dirs.delete(dir);
        }
    }
}
