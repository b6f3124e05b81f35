package io.timevault.raft.jraft.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.entity.Task;
import io.timevault.store.StoredRecord;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Three (or more) jraft nodes in this JVM on free 127.0.0.1 ports, each with its own directory under a test's
 * temporary directory. {@link #close()} stops every node still running, also when the test failed.
 */
public final class TestCluster implements AutoCloseable {

    public static final Duration ELECTION = Duration.ofSeconds(20);
    public static final Duration CONVERGE = Duration.ofSeconds(30);

    private final List<TestNode> nodes = new ArrayList<>();
    private final Configuration conf = new Configuration();

    /**
     * Peers in ascending port order, as an operator typically lists them: the configuration entries are then stored
     * as membership entries (see LogEntryMapping).
     */
    public TestCluster(Path dir, int size) {
        this(dir, size, CounterStateMachine.Reads.DUPLICATE);
    }

    /** A cluster whose state machines read their commands as {@code reads} says. */
    public TestCluster(Path dir, int size, CounterStateMachine.Reads reads) {
        this(dir, freePorts(size), reads);
    }

    /** Nodes on the given 127.0.0.1 ports, for tests that must stay in a port range of their own. */
    public TestCluster(Path dir, List<Integer> fixedPorts) {
        this(dir, fixedPorts, CounterStateMachine.Reads.DUPLICATE);
    }

    private TestCluster(Path dir, List<Integer> fixedPorts, CounterStateMachine.Reads reads) {
        List<Integer> ports = new ArrayList<>(fixedPorts);
        ports.sort(null);
        int size = ports.size();
        for (int i = 0; i < size; i++) {
            PeerId peer = new PeerId("127.0.0.1", ports.get(i));
            nodes.add(new TestNode(peer, dir.resolve("node" + i), reads));
            conf.addPeer(peer);
        }
    }

    private static List<Integer> freePorts(int size) {
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < size) {
            int port = freePort();
            if (!ports.contains(port)) {
                ports.add(port);
            }
        }
        return ports;
    }

    /** A free TCP port on 127.0.0.1 (released again, so a tiny race with other processes remains). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1", e);
        }
    }

    public Configuration conf() {
        return conf;
    }

    public List<TestNode> nodes() {
        return nodes;
    }

    public TestNode node(int i) {
        return nodes.get(i);
    }

    public void startAll() {
        nodes.forEach(n -> n.start(conf));
    }

    public void start(TestNode node) {
        node.start(conf);
    }

    public List<TestNode> running() {
        return nodes.stream().filter(TestNode::running).toList();
    }

    public List<TestNode> others(TestNode node) {
        return nodes.stream().filter(n -> n != node).toList();
    }

    /** Waits until exactly one running node is leader and every running node agrees; returns it. */
    public TestNode awaitLeader() {
        return Await.value("a leader among " + running(), ELECTION, () -> {
            List<TestNode> leaders = running().stream().filter(TestNode::isLeader).toList();
            if (leaders.size() != 1) {
                return null;
            }
            PeerId leader = leaders.get(0).peer();
            boolean agreed = running().stream().allMatch(n -> leader.equals(n.node().getLeaderId()));
            return agreed ? leaders.get(0) : null;
        });
    }

    /**
     * Applies commands {@code first .. first + count - 1} through {@code leader} and waits until every one was
     * committed and applied on the leader (all closures succeeded).
     */
    public void apply(TestNode leader, long first, int count) {
        CountDownLatch done = new CountDownLatch(count);
        AtomicReference<Status> failure = new AtomicReference<>();
        for (int i = 0; i < count; i++) {
            leader.node().apply(new Task(CounterStateMachine.command(first + i), status -> {
                if (!status.isOk()) {
                    failure.compareAndSet(null, status);
                }
                done.countDown();
            }));
        }
        try {
            assertThat(done.await(CONVERGE.toMillis(), TimeUnit.MILLISECONDS))
                    .as("%d commands committed within %s", count, CONVERGE).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertThat(failure.get()).as("a failed command").isNull();
    }

    /** Applies commands through {@code leader} without waiting; their closures are ignored. */
    public void applyUnacknowledged(TestNode leader, long first, int count) {
        for (int i = 0; i < count; i++) {
            leader.node().apply(new Task(CounterStateMachine.command(first + i), status -> { }));
        }
    }

    /** Takes a snapshot of everything {@code node} applied and waits for it. */
    public void snapshot(TestNode node) {
        // jraft skips a snapshot when its applied index equals the last snapshot's, and it publishes the applied
        // index only after the state machine's onApply returned (after the closures ran)
        long applied = node.fsm().state().lastIndex();
        Await.until(node + " published applied index " + applied, CONVERGE,
                () -> node.node().getLastAppliedLogIndex() >= applied);
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Status> result = new AtomicReference<>();
        node.node().snapshot(status -> {
            result.set(status);
            done.countDown();
        });
        try {
            assertThat(done.await(CONVERGE.toMillis(), TimeUnit.MILLISECONDS)).as("snapshot of %s", node).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertThat(result.get().isOk()).as("snapshot of %s: %s", node, result.get()).isTrue();
    }

    /** Waits until every running node's state machine equals {@code node}'s, which must have applied {@code count}. */
    public void awaitConverged(TestNode reference, long count) {
        Await.until(reference + " applied " + count, CONVERGE, () -> reference.fsm().applied() == count);
        CounterStateMachine.State expected = reference.fsm().state();
        Await.until("every running node at " + expected, CONVERGE,
                () -> running().stream().allMatch(n -> n.fsm().state().equals(expected)));
    }

    /**
     * Asserts that every running node holds the same log: the same last index and byte-identical records over the
     * range all of them still hold. Returns that range's record count.
     */
    public int assertIdenticalLogs() {
        List<TestNode> live = running();
        long last = live.get(0).node().getLastLogIndex();
        long first = 1;
        for (TestNode n : live) {
            assertThat(n.node().getLastLogIndex()).as("last log index of %s", n).isEqualTo(last);
        }
        List<List<StoredRecord>> logs = new ArrayList<>();
        for (TestNode n : live) {
            List<StoredRecord> records = n.records(1, last);
            first = Math.max(first, records.isEmpty() ? last + 1 : records.get(0).key());
            logs.add(records);
        }
        List<String> reference = lines(logs.get(0), first);
        assertThat(reference).as("records of %s in [%d, %d]", live.get(0), first, last).hasSize((int) (last - first + 1));
        for (int i = 1; i < live.size(); i++) {
            assertThat(lines(logs.get(i), first)).as("log of %s vs %s", live.get(i), live.get(0)).isEqualTo(reference);
        }
        return reference.size();
    }

    private static List<String> lines(List<StoredRecord> records, long from) {
        return records.stream().filter(r -> r.key() >= from).map(StoredRecord::text).toList();
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (TestNode node : nodes) {
            try {
                node.stop();
            } catch (RuntimeException | AssertionError e) {
                if (first == null) {
                    first = new IllegalStateException("stopping " + node + " failed", e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
