package io.timevault.bench;

import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.JRaftServiceFactory;
import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.RaftGroupService;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.core.StateMachineAdapter;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.entity.Task;
import com.alipay.sofa.jraft.option.NodeOptions;
import com.alipay.sofa.jraft.rpc.RaftRpcServerFactory;
import com.alipay.sofa.jraft.rpc.RpcServer;
import com.alipay.sofa.jraft.rpc.impl.BoltRpcServer;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One bounded run of a 3-node SOFAJRaft cluster in this JVM, every server bound to 127.0.0.1: start, wait for a
 * leader, then the client keeps {@link #WINDOW} tasks of 256 bytes in flight on the leader for one second of
 * warm-up and {@code seconds} of measurement, counting tasks whose closure reported success (committed and
 * applied on the leader). Then it drains, waits up to {@link #catchUpSeconds()} for every node to apply as much as the leader
 * ({@link Result#caughtUp()}), and shuts every node down. Logs with sync on (jraft's default), no snapshots. A task that fails (the leader stepped down
 * under load) counts in {@link Result#failed()}; the caller decides what to do with such a run.
 */
final class ClusterRun {

    static final int WINDOW = 512;
    /** Long enough that fsync stalls of a loaded 2-core machine do not depose the leader mid-run (1 s did). */
    static final int ELECTION_TIMEOUT_MS = 2000;
    static final String GROUP = "bench";

    private final Path dir;
    private final NodeStorage storage;
    private final int seconds;

    /** Where each node keeps its log and term/vote; closed after every node was shut down. */
    interface NodeStorage extends AutoCloseable {
        JRaftServiceFactory factory(Path nodeDir);

        @Override
        default void close() {
        }
    }

    record Result(long committed, double seconds, long failed, long[] applied) {
        double commitsPerSecond() {
            return committed / seconds;
        }

        /** Whether every node applied as much as the most advanced one within the drain time. */
        boolean caughtUp() {
            return java.util.Arrays.stream(applied).allMatch(a -> a == applied[0]);
        }

        String describe() {
            return "commits_per_s=" + Report.num(commitsPerSecond()) + " committed=" + committed + " seconds="
                    + Report.num(seconds) + " failed=" + failed + " applied_per_node=" + java.util.Arrays.toString(applied)
                    .replace(" ", "") + " caught_up=" + caughtUp();
        }
    }

    ClusterRun(Path dir, NodeStorage storage, int seconds) {
        this.dir = dir;
        this.storage = storage;
        this.seconds = seconds;
    }

    Result run() {
        int[] ports = Ports.free(3);
        List<PeerId> peers = new ArrayList<>();
        for (int port : ports) {
            peers.add(new PeerId("127.0.0.1", port));
        }
        Configuration conf = new Configuration(peers);
        List<RaftGroupService> services = new ArrayList<>();
        List<CountingFsm> fsms = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Path nodeDir = BenchDirs.mkdirs(dir.resolve("node" + i));
                CountingFsm fsm = new CountingFsm();
                NodeOptions options = new NodeOptions();
                options.setInitialConf(conf.copy());
                options.setFsm(fsm);
                options.setServiceFactory(storage.factory(nodeDir));
                options.setLogUri(nodeDir.resolve("log").toString());
                options.setRaftMetaUri(nodeDir.resolve("meta").toString());
                options.setElectionTimeoutMs(ELECTION_TIMEOUT_MS);
                options.setDisableCli(true);
                options.setEnableMetrics(false);
                options.getRaftOptions().setSync(true);
                RpcServer rpc = new BoltRpcServer(new com.alipay.remoting.rpc.RpcServer("127.0.0.1", ports[i], true));
                RaftRpcServerFactory.addRaftRequestProcessors(rpc);
                RaftGroupService service = new RaftGroupService(GROUP, peers.get(i), options, rpc);
                services.add(service);
                fsms.add(fsm);
                service.start(true);
            }
            Node leader = awaitLeader(services);
            return load(leader, fsms);
        } finally {
            for (RaftGroupService service : services) {
                service.shutdown();
            }
            for (RaftGroupService service : services) {
                try {
                    service.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            storage.close();
        }
    }

    private Result load(Node leader, List<CountingFsm> fsms) {
        Semaphore window = new Semaphore(WINDOW);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
        long okAtStart = -1;
        long measuredStart = 0;
        while (true) {
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
            leader.apply(new Task(ByteBuffer.wrap(Payloads.DATA_ARRAY), status -> {
                (status.isOk() ? ok : failed).incrementAndGet();
                window.release();
            }));
        }
        long committed = ok.get() - okAtStart;
        double measured = (System.nanoTime() - measuredStart) / 1e9;
        // drain: every task in flight completes, then the followers catch up (bounded)
        try {
            if (!window.tryAcquire(WINDOW, 30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("tasks still in flight after 30 s");
            }
            long target = fsms.stream().mapToLong(f -> f.applied.get()).max().orElse(0);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(catchUpSeconds());
            while (fsms.stream().anyMatch(f -> f.applied.get() < target) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long[] applied = fsms.stream().mapToLong(f -> f.applied.get()).toArray();
        return new Result(committed, measured, failed.get(), applied);
    }

    /** How long followers get to catch up after the load: twice the load time, at most 30 s (bounds --quick). */
    int catchUpSeconds() {
        return Math.min(30, 2 * seconds);
    }

    private static Node awaitLeader(List<RaftGroupService> services) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (RaftGroupService service : services) {
                Node node = service.getRaftNode();
                if (node != null && node.isLeader()) {
                    return node;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("no leader elected within 30 s");
    }

    /** Counts applied entries; no state otherwise. */
    static final class CountingFsm extends StateMachineAdapter {
        final AtomicLong applied = new AtomicLong();

        @Override
        public void onApply(Iterator iter) {
            while (iter.hasNext()) {
                applied.incrementAndGet();
                if (iter.done() != null) {
                    iter.done().run(Status.OK());
                }
                iter.next();
            }
        }
    }
}
