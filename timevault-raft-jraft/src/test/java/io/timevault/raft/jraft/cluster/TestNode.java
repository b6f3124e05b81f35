package io.timevault.raft.jraft.cluster;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.RaftGroupService;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.option.NodeOptions;
import com.alipay.sofa.jraft.rpc.RaftRpcServerFactory;
import com.alipay.sofa.jraft.rpc.RpcServer;
import com.alipay.sofa.jraft.rpc.impl.BoltRpcServer;
import io.timevault.raft.jraft.TimevaultJRaftOptions;
import io.timevault.raft.jraft.TimevaultJRaftServiceFactory;
import io.timevault.store.Partition;
import io.timevault.store.StoreOptions;
import io.timevault.store.StoredRecord;
import io.timevault.store.TimevaultStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * One jraft node of a test cluster, in this JVM: its own store directory (log and vote), its own snapshot
 * directory, its own Bolt server bound to 127.0.0.1 only. {@link #start} and {@link #stop} may alternate; a
 * restarted node opens its files again, as a restarted process would.
 */
public final class TestNode {

    public static final String GROUP = "timevault-test";
    public static final UUID PARTITION = io.timevault.raft.LogPartitionIds.derive(GROUP);
    public static final int ELECTION_TIMEOUT_MS = 1000;

    private final PeerId peer;
    private final Path dir;
    private TimevaultStore store;
    private RecordingServiceFactory factory;
    private RaftGroupService service;
    private Node node;
    private CounterStateMachine fsm;
    private TimevaultJRaftOptions bridgeOptions = TimevaultJRaftOptions.DEFAULTS;

    private final CounterStateMachine.Reads reads;

    public TestNode(PeerId peer, Path dir) {
        this(peer, dir, CounterStateMachine.Reads.DUPLICATE);
    }

    /** A node whose state machine reads its commands as {@code reads} says. */
    public TestNode(PeerId peer, Path dir, CounterStateMachine.Reads reads) {
        this.peer = peer;
        this.dir = dir;
        this.reads = reads;
    }

    public PeerId peer() {
        return peer;
    }

    public Path storeDirectory() {
        return dir.resolve("store");
    }

    public synchronized void start(Configuration conf) {
        if (service != null) {
            throw new IllegalStateException(peer + " is running");
        }
        store = TimevaultStore.open(storeDirectory(), StoreOptions.DEFAULTS);
        factory = new RecordingServiceFactory(new TimevaultJRaftServiceFactory(store, bridgeOptions));
        fsm = new CounterStateMachine(reads);
        NodeOptions options = nodeOptions(conf, fsm, factory, dir.resolve("snapshot"));
        RpcServer rpc = new BoltRpcServer(new com.alipay.remoting.rpc.RpcServer(peer.getIp(), peer.getPort(), true));
        RaftRpcServerFactory.addRaftRequestProcessors(rpc);
        RaftGroupService started = new RaftGroupService(GROUP, peer, options, rpc);
        try {
            node = started.start(true);
        } catch (RuntimeException e) {
            started.shutdown();
            store.close();
            store = null;
            throw e;
        }
        service = started;
    }

    /** The bridge options of the next {@link #start} (default {@link TimevaultJRaftOptions#DEFAULTS}). */
    public synchronized void bridgeOptions(TimevaultJRaftOptions value) {
        bridgeOptions = value;
    }

    /** The options every test node runs with: manual snapshots, 1 s election timeout, no CLI, no metrics. */
    public static NodeOptions nodeOptions(Configuration conf, CounterStateMachine fsm,
                                          com.alipay.sofa.jraft.JRaftServiceFactory factory, Path snapshots) {
        NodeOptions options = new NodeOptions();
        options.setInitialConf(conf.copy());
        options.setFsm(fsm);
        options.setServiceFactory(factory);
        options.setLogUri("timevault");
        options.setRaftMetaUri("timevault");
        options.setSnapshotUri(snapshots.toString());
        options.setSnapshotIntervalSecs(0);
        options.setElectionTimeoutMs(ELECTION_TIMEOUT_MS);
        options.setDisableCli(true);
        options.setEnableMetrics(false);
        return options;
    }

    /** Shuts the node down (bounded) and closes its store. A no-op if it is not running. */
    public synchronized void stop() {
        if (service == null) {
            return;
        }
        RaftGroupService stopping = service;
        service = null;
        node = null;
        try {
            Await.bounded("stopping " + peer, Duration.ofSeconds(20), () -> {
                stopping.shutdown();
                try {
                    stopping.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        } finally {
            store.close();
            store = null;
        }
    }

    public synchronized boolean running() {
        return service != null;
    }

    public synchronized Node node() {
        if (node == null) {
            throw new IllegalStateException(peer + " is not running");
        }
        return node;
    }

    public synchronized CounterStateMachine fsm() {
        return fsm;
    }

    public synchronized RecordingServiceFactory factory() {
        return factory;
    }

    public boolean isLeader() {
        Node current;
        synchronized (this) {
            current = node;
        }
        return current != null && current.isLeader();
    }

    /**
     * The raw records of the node's log with index in {@code [from, to]}: through the running node's store, or a
     * read-only store when it is stopped.
     */
    public List<StoredRecord> records(long from, long to) {
        synchronized (this) {
            if (store != null) {
                return store.openPartition(PARTITION).readRange(from, to);
            }
        }
        try (TimevaultStore readOnly = TimevaultStore.open(storeDirectory(), StoreOptions.READ_ONLY)) {
            Partition partition = readOnly.openPartition(PARTITION);
            return partition.readRange(from, to);
        }
    }

    /** The term in the node's durable vote ({@code raft_vote.json}), 0 if it never saved one. */
    public long durableTerm() {
        Path vote;
        try (TimevaultStore paths = TimevaultStore.open(storeDirectory(), StoreOptions.READ_ONLY)) {
            vote = paths.partitionDirectory(PARTITION).resolve("raft_vote.json");
        }
        try {
            if (!java.nio.file.Files.exists(vote)) {
                return 0;
            }
            java.util.regex.Matcher term = java.util.regex.Pattern.compile("\"term\":(\\d+)")
                    .matcher(java.nio.file.Files.readString(vote));
            if (!term.find()) {
                throw new IllegalStateException("no term in " + vote);
            }
            return Long.parseLong(term.group(1));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "TestNode[" + peer + (running() ? ", running" : ", stopped") + "]";
    }
}
