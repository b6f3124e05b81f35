package io.timevault.bench;

import com.alipay.sofa.jraft.JRaftServiceFactory;
import com.alipay.sofa.jraft.core.DefaultJRaftServiceFactory;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Figure 6: commit throughput of a 3-node SOFAJRaft cluster on 127.0.0.1 with the timevault log
 * ({@code TimevaultJRaftServiceFactory}) vs jraft's default RocksDB log, same load ({@link ClusterRun}). The two
 * kinds of cluster alternate (rocksdb first); the figure is the median of each kind's runs.
 */
final class ClusterBench {

    private final BenchConfig config;
    private final Report report;
    private final BenchDirs dirs;

    ClusterBench(BenchConfig config, Report report, BenchDirs dirs) {
        this.config = config;
        this.report = report;
        this.dirs = dirs;
    }

    void run() {
        Optional<Function<Path, JRaftServiceFactory>> timevault = TimevaultFactories.find();
        if (timevault.isEmpty()) {
            report.skip("cluster_vs_rocksdb", TimevaultFactories.missingReason());
            return;
        }
        int runs = config.quick() ? 1 : 3;
        double[] rocks = new double[runs];
        double[] ours = new double[runs];
        ClusterRun.Result last = null;
        for (int r = 0; r < runs; r++) {
            Path dir = dirs.fresh("cluster-rocksdb");
            last = new ClusterRun(dir, node -> DefaultJRaftServiceFactory.newInstance(), config.clusterSeconds()).run();
            rocks[r] = last.commitsPerSecond();
            report.raw("cluster_rocksdb_run" + r, last.describe());
            dirs.delete(dir);
            dir = dirs.fresh("cluster-timevault");
            last = new ClusterRun(dir, timevault.get(), config.clusterSeconds()).run();
            ours[r] = last.commitsPerSecond();
            report.raw("cluster_timevault_run" + r, last.describe());
            dirs.delete(dir);
        }
        double tv = Stats.median(ours);
        double rk = Stats.median(rocks);
        report.ratioAtLeast("cluster_vs_rocksdb", tv / rk, 1, "timevault=" + Report.num(tv) + "/s rocksdb="
                + Report.num(rk) + "/s runs=" + runs + " seconds=" + config.clusterSeconds() + " window="
                + ClusterRun.WINDOW);
    }
}
