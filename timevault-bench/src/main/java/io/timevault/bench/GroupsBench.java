package io.timevault.bench;

import com.alipay.sofa.jraft.JRaftServiceFactory;
import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.RaftGroupService;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.core.DefaultJRaftServiceFactory;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.entity.Task;
import com.alipay.sofa.jraft.option.NodeOptions;
import com.alipay.sofa.jraft.rpc.RaftRpcServerFactory;
import com.alipay.sofa.jraft.rpc.RpcServer;
import com.alipay.sofa.jraft.rpc.impl.BoltRpcServer;
import io.timevault.raft.jraft.TimevaultJRaftServiceFactory;
import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultStore;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code groups64_vs_rocksdb} and {@code LOG_THREADS_64}: 64 single-node SOFAJRaft groups in one JVM, all on one
 * shared RPC server (127.0.0.1), sync on. Ours: one {@link TimevaultStore} and one
 * {@link TimevaultJRaftServiceFactory} for every group (a partition each); theirs: jraft's default, a RocksDB log
 * per group. A client keeps {@link #WINDOW_PER_GROUP} tasks of 256 bytes in flight on every group for one second of
 * warm-up and the measured time; the figure is the aggregate rate of tasks whose closure reported success.
 * {@code LOG_THREADS_64} counts the live threads named {@code timevault*} while the 64 timevault groups run, minus
 * those before: the threads our log layer created for them. One run each with --quick, three otherwise
 * (alternating), median.
 */
final class GroupsBench {

    static final int GROUPS = 64;
    static final int WINDOW_PER_GROUP = 32;
    static final int THREADS_TARGET = 8;

    private final BenchConfig config;
    private final Report report;
    private final BenchDirs dirs;

    GroupsBench(BenchConfig config, Report report, BenchDirs dirs) {
        this.config = config;
        this.report = report;
        this.dirs = dirs;
    }

    void run() {
        int runs = config.quick() ? 1 : 3;
        int seconds = config.quick() ? 4 : 10;
        double[] ours = new double[runs];
        double[] theirs = new double[runs];
        int threads = 0;
        for (int r = 0; r < runs; r++) {
            for (int k = 0; k < 2; k++) {
                boolean timevault = (k + r) % 2 == 0;
                Result result = runOnce(timevault, seconds);
                report.raw("groups" + GROUPS + "_" + (timevault ? "timevault" : "rocksdb") + "_run" + r,
                        result.describe());
                (timevault ? ours : theirs)[r] = result.perSecond();
                if (timevault) {
                    threads = Math.max(threads, result.logThreads());
                }
            }
        }
        double tv = Stats.median(ours);
        double rk = Stats.median(theirs);
        report.ratioAtLeast("groups64_vs_rocksdb", tv / rk, 2, "timevault=" + Report.num(tv) + "/s rocksdb="
                + Report.num(rk) + "/s groups=" + GROUPS + " runs=" + runs + " seconds=" + seconds + " window_per_group="
                + WINDOW_PER_GROUP);
        report.count("LOG_THREADS_64", threads, THREADS_TARGET, "groups=" + GROUPS + " (live threads named timevault*)");
    }

    record Result(long committed, double seconds, long failed, int logThreads) {
        double perSecond() {
            return committed / seconds;
        }

        String describe() {
            return "commits_per_s=" + Report.num(perSecond()) + " committed=" + committed + " seconds="
                    + Report.num(seconds) + " failed=" + failed + " timevault_threads=" + logThreads;
        }
    }

    private Result runOnce(boolean timevault, int seconds) {
        Path dir = dirs.fresh("groups-" + (timevault ? "timevault" : "rocksdb"));
        int threadsBefore = timevaultThreads();
        PeerId peer = new PeerId("127.0.0.1", Ports.free(1)[0]);
        RpcServer rpc = new BoltRpcServer(new com.alipay.remoting.rpc.RpcServer("127.0.0.1", peer.getPort(), true));
        RaftRpcServerFactory.addRaftRequestProcessors(rpc);
        rpc.init(null);
        TimevaultStore store = timevault ? TimevaultStore.open(dir.resolve("timevault"), StoreOptions.DEFAULTS) : null;
        JRaftServiceFactory shared = timevault ? new TimevaultJRaftServiceFactory(store) : null;
        List<RaftGroupService> services = new ArrayList<>();
        try {
            List<Node> nodes = new ArrayList<>();
            for (int g = 0; g < GROUPS; g++) {
                Path groupDir = BenchDirs.mkdirs(dir.resolve("group" + g));
                NodeOptions options = new NodeOptions();
                options.setInitialConf(new Configuration(List.of(peer)));
                options.setFsm(new ClusterRun.CountingFsm());
                options.setServiceFactory(timevault ? shared : DefaultJRaftServiceFactory.newInstance());
                options.setLogUri(groupDir.resolve("log").toString());
                options.setRaftMetaUri(groupDir.resolve("meta").toString());
                options.setElectionTimeoutMs(ClusterRun.ELECTION_TIMEOUT_MS);
                options.setDisableCli(true);
                options.setEnableMetrics(false);
                options.getRaftOptions().setSync(true);
                RaftGroupService service = new RaftGroupService("g" + g, peer, options, rpc, true);
                services.add(service);
                nodes.add(service.start(false));
            }
            awaitLeaders(nodes);
            int logThreads = timevaultThreads() - threadsBefore;
            return load(nodes, seconds, logThreads);
        } finally {
            services.forEach(RaftGroupService::shutdown);
            for (RaftGroupService service : services) {
                try {
                    service.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            rpc.shutdown();
            if (store != null) {
                store.close();
            }
            dirs.delete(dir);
        }
    }

    private static Result load(List<Node> nodes, int seconds, int logThreads) {
        Semaphore window = new Semaphore(WINDOW_PER_GROUP * nodes.size());
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
        long okAtStart = -1;
        long measuredStart = 0;
        for (long n = 0; ; n++) {
            long now = System.nanoTime();
            if (okAtStart < 0 && now >= warmupEnd) {
                okAtStart = ok.get();
                measuredStart = now;
            }
            if (now >= end) {
                break;
            }
            try {
                if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            nodes.get((int) (n % nodes.size())).apply(new Task(ByteBuffer.wrap(Payloads.DATA_ARRAY), status -> {
                (status.isOk() ? ok : failed).incrementAndGet();
                window.release();
            }));
        }
        long committed = ok.get() - okAtStart;
        double measured = (System.nanoTime() - measuredStart) / 1e9;
        try {
            if (!window.tryAcquire(WINDOW_PER_GROUP * nodes.size(), 30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("tasks still in flight 30 s after the load");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Result(committed, measured, failed.get(), logThreads);
    }

    private static void awaitLeaders(List<Node> nodes) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!nodes.stream().allMatch(Node::isLeader)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not every group elected itself within 60 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static int timevaultThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("timevault")).count();
    }
}
