package io.timevault.raft.jraft.bench;

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
import io.timevault.raft.jraft.cluster.Await;
import io.timevault.raft.jraft.cluster.CounterStateMachine;
import io.timevault.raft.jraft.cluster.TestCluster;
import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Commit throughput of a 3-node jraft cluster on 127.0.0.1 with its log in timevault partitions versus jraft's own
 * {@code RocksDBLogStorage}: same JVM, same run, same entries, same engine settings (jraft defaults: fsync on every
 * log write, {@code RaftOptions.sync = true}). Not a test: run it with the {@code bench} profile, which adds
 * rocksdbjni (see this module's README).
 *
 * <p>Each round starts a fresh cluster per storage, waits for a leader, warms up, then applies {@code entries}
 * commands of {@code size} bytes through the leader with at most {@code window} in flight and times until the last
 * one was committed and applied on the leader. Rounds alternate the storages; the medians are compared.
 *
 * <p>System properties: {@code bench.entries} (20000), {@code bench.size} (256), {@code bench.window} (512),
 * {@code bench.warmup} (2000), {@code bench.rounds} (3), {@code bench.dir} (a temporary directory).
 */
public final class CommitBenchmark {

    private static final String GROUP = "bench";

    enum Storage {
        TIMEVAULT, ROCKSDB
    }

    private CommitBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int entries = Integer.getInteger("bench.entries", 20_000);
        int size = Integer.getInteger("bench.size", 256);
        int window = Integer.getInteger("bench.window", 512);
        int warmup = Integer.getInteger("bench.warmup", 2_000);
        int rounds = Integer.getInteger("bench.rounds", 3);
        String base = System.getProperty("bench.dir");
        Path root = base != null ? Files.createDirectories(Path.of(base)) : Files.createTempDirectory("jraft-bench");
        System.out.printf(Locale.ROOT, "jraft commit benchmark: 3 nodes on 127.0.0.1, %d entries of %d bytes, "
                + "window %d, warm-up %d, %d rounds, under %s, %d cores%n", entries, size, window, warmup, rounds,
                root, Runtime.getRuntime().availableProcessors());

        List<Double> timevault = new ArrayList<>();
        List<Double> rocksdb = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (Storage storage : round % 2 == 1 ? List.of(Storage.TIMEVAULT, Storage.ROCKSDB)
                    : List.of(Storage.ROCKSDB, Storage.TIMEVAULT)) {
                Path dir = root.resolve("round" + round + "-" + storage.name().toLowerCase(Locale.ROOT));
                double perSecond = run(storage, dir, entries, size, window, warmup);
                (storage == Storage.TIMEVAULT ? timevault : rocksdb).add(perSecond);
                System.out.printf(Locale.ROOT, "round %d %-9s %,10.0f commits/s%n", round, storage, perSecond);
                deleteRecursively(dir);
            }
        }
        double tv = median(timevault);
        double rd = median(rocksdb);
        System.out.printf(Locale.ROOT, "median    TIMEVAULT %,10.0f commits/s%n", tv);
        System.out.printf(Locale.ROOT, "median    ROCKSDB   %,10.0f commits/s%n", rd);
        System.out.printf(Locale.ROOT, "ratio timevault / rocksdb = %.2f%n", tv / rd);
        if (base == null) {
            deleteRecursively(root);
        }
        System.exit(0); // Bolt leaves non-daemon threads behind for a few seconds
    }

    private static double run(Storage storage, Path dir, int entries, int size, int window, int warmup)
            throws Exception {
        List<PeerId> peers = new ArrayList<>();
        while (peers.size() < 3) {
            PeerId peer = new PeerId("127.0.0.1", TestCluster.freePort());
            if (!peers.contains(peer)) {
                peers.add(peer);
            }
        }
        peers.sort(Comparator.comparingInt(PeerId::getPort));
        Configuration conf = new Configuration(peers);
        List<BenchNode> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < peers.size(); i++) {
                nodes.add(BenchNode.start(storage, peers.get(i), conf, dir.resolve("node" + i)));
            }
            Node leader = Await.value("a leader", Duration.ofSeconds(30),
                    () -> nodes.stream().map(n -> n.node).filter(Node::isLeader).findFirst().orElse(null));
            apply(leader, 0, warmup, size, window);
            long start = System.nanoTime();
            apply(leader, warmup, entries, size, window);
            long nanos = System.nanoTime() - start;
            return entries / (nanos / 1e9);
        } finally {
            for (BenchNode node : nodes) {
                node.stop();
            }
        }
    }

    /** Applies {@code count} commands with at most {@code window} in flight and waits for all of them. */
    private static void apply(Node leader, long first, int count, int size, int window) throws InterruptedException {
        Semaphore inFlight = new Semaphore(window);
        AtomicInteger failed = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            if (!inFlight.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no commit for 60 s");
            }
            ByteBuffer data = ByteBuffer.allocate(size).putLong(0, first + i);
            leader.apply(new Task(data, status -> {
                if (!status.isOk()) {
                    failed.incrementAndGet();
                }
                inFlight.release();
            }));
        }
        if (!inFlight.tryAcquire(window, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("commits did not finish within 60 s");
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " commands failed");
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** One node; its log in a timevault store or in jraft's RocksDB storage. */
    private static final class BenchNode {

        final RaftGroupService service;
        final Node node;
        final TimevaultStore store;

        private BenchNode(RaftGroupService service, Node node, TimevaultStore store) {
            this.service = service;
            this.node = node;
            this.store = store;
        }

        static BenchNode start(Storage storage, PeerId peer, Configuration conf, Path dir) throws IOException {
            Files.createDirectories(dir);
            TimevaultStore store = null;
            JRaftServiceFactory factory;
            if (storage == Storage.TIMEVAULT) {
                store = TimevaultStore.open(dir.resolve("store"), StoreOptions.DEFAULTS);
                factory = new TimevaultJRaftServiceFactory(store);
            } else {
                factory = DefaultJRaftServiceFactory.newInstance();
            }
            NodeOptions options = new NodeOptions();
            options.setInitialConf(conf.copy());
            options.setFsm(new CounterStateMachine());
            options.setServiceFactory(factory);
            options.setLogUri(dir.resolve("log").toString());
            options.setRaftMetaUri(dir.resolve("meta").toString());
            options.setSnapshotUri(dir.resolve("snapshot").toString());
            options.setSnapshotIntervalSecs(0);
            options.setElectionTimeoutMs(5000); // no leader change when 3 nodes saturate the cores
            options.setDisableCli(true);
            options.setEnableMetrics(false);
            RpcServer rpc = new BoltRpcServer(new com.alipay.remoting.rpc.RpcServer(peer.getIp(), peer.getPort(), true));
            RaftRpcServerFactory.addRaftRequestProcessors(rpc);
            RaftGroupService service = new RaftGroupService(GROUP, peer, options, rpc);
            return new BenchNode(service, service.start(true), store);
        }

        void stop() throws InterruptedException {
            service.shutdown();
            service.join();
            if (store != null) {
                store.close();
            }
        }
    }
}
