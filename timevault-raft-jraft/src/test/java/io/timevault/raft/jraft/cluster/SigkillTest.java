package io.timevault.raft.jraft.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.entity.Task;
import io.timevault.raft.jraft.LogReading;
import io.timevault.store.StoredRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node in its own JVM is killed with SIGKILL while the cluster commits through it, restarted from its files and
 * rejoins; no write the cluster acknowledged is lost.
 *
 * <p>Nodes A and B run in this JVM, C in a child JVM with election priority 0 (never leader, so the leader stays
 * here). Once the follower in this JVM is stopped, every commit needs C's durable append: an acknowledged write is
 * one C had made durable.
 */
@Timeout(180)
class SigkillTest {

    private static final Duration CHILD = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<TestNode> local = new ArrayList<>();
    private final List<Process> children = new ArrayList<>();
    private final AtomicBoolean loading = new AtomicBoolean();

    @AfterEach
    void cleanUp() {
        loading.set(false);
        children.forEach(Process::destroyForcibly);
        local.forEach(TestNode::stop);
    }

    /** The child's stdout lines, read on a thread of their own. */
    private record Child(Process process, BlockingQueue<String> lines, Writer stdin) {
        String await(String prefix) {
            try {
                long deadline = System.nanoTime() + CHILD.toNanos();
                while (System.nanoTime() < deadline) {
                    String line = lines.poll(100, TimeUnit.MILLISECONDS);
                    if (line != null && line.startsWith(prefix)) {
                        return line;
                    }
                    if (line == null && !process.isAlive() && lines.isEmpty()) {
                        throw new AssertionError("the child exited with " + process.exitValue() + " before " + prefix);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new AssertionError("the child did not print " + prefix + " within " + CHILD);
        }

        void send(String command) {
            try {
                stdin.write(command + "\n");
                stdin.flush();
            } catch (IOException e) {
                throw new AssertionError("the child does not read its commands", e);
            }
        }
    }

    private Child startChild(Path nodeDir, PeerId peer, Configuration conf, int run) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", classpath, ChildNode.class.getName(),
                nodeDir.toString(), peer.toString(), conf.toString());
        builder.redirectError(dir.resolve("child-" + run + ".log").toFile());
        Process process = builder.start();
        children.add(process);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the child died: the test notices through its lines
            }
        }, "child-stdout-" + run);
        reader.setDaemon(true);
        reader.start();
        Child child = new Child(process, lines, new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        child.await("READY");
        return child;
    }

    @Test
    void aNodeKilledUnderLoadRestartsFromItsFilesWithoutLosingAnAcknowledgedWrite() throws Exception {
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < 3) {
            int port = TestCluster.freePort();
            if (!ports.contains(port)) {
                ports.add(port);
            }
        }
        ports.sort(null);
        TestNode a = new TestNode(new PeerId("127.0.0.1", ports.get(0)), dir.resolve("a"));
        TestNode b = new TestNode(new PeerId("127.0.0.1", ports.get(1)), dir.resolve("b"));
        PeerId c = new PeerId("127.0.0.1", ports.get(2), 0, 0); // priority 0: never elected
        Path cDir = dir.resolve("c");
        Configuration conf = new Configuration(List.of(a.peer(), b.peer(), c));
        local.add(a);
        local.add(b);
        a.start(conf);
        b.start(conf);
        Child child = startChild(cDir, c, conf, 1);
        TestNode leader = Await.value("a leader in this JVM", TestCluster.ELECTION,
                () -> a.isLeader() ? a : b.isLeader() ? b : null);
        TestNode follower = leader == a ? b : a;
        Set<Long> acked = new ConcurrentSkipListSet<>();
        applyAll(leader, 0, 100, acked);

        // from now on every commit needs C
        follower.stop();
        long firstThroughC = 1_000;
        AtomicLong next = new AtomicLong(firstThroughC);
        Semaphore inFlight = new Semaphore(64);
        loading.set(true);
        Thread load = new Thread(() -> {
            while (loading.get()) {
                try {
                    if (!inFlight.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                } catch (InterruptedException e) {
                    return;
                }
                long command = next.getAndIncrement();
                leader.node().apply(new Task(CounterStateMachine.command(command), status -> {
                    if (status.isOk()) {
                        acked.add(command);
                    }
                    inFlight.release();
                }));
            }
        }, "load");
        load.start();
        Await.until("300 writes acknowledged through C", Duration.ofSeconds(60),
                () -> acked.stream().filter(v -> v >= firstThroughC).count() >= 300);

        child.process().destroyForcibly(); // SIGKILL on Linux
        assertThat(child.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(child.process().exitValue()).as("killed by SIGKILL").isEqualTo(137);
        loading.set(false);
        load.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(inFlight.tryAcquire(64, 30, TimeUnit.SECONDS)).as("every write in flight was answered").isTrue();
        Set<Long> ackedThroughC = new HashSet<>(acked.stream().filter(v -> v >= firstThroughC).toList());

        // straight from C's files as the kill left them: every write acknowledged through C is there
        TestNode cFiles = new TestNode(c, cDir);
        List<Long> killed = LogReading.commands(cFiles.records(1, Long.MAX_VALUE));
        assertThat(killed).containsAll(ackedThroughC);
        System.out.printf("SigkillTest: %d writes acknowledged through C before the kill; C's log held %d commands%n",
                ackedThroughC.size(), killed.size());

        Child restarted = startChild(cDir, c, conf, 2);
        Await.until(leader + " leads again with C's vote", TestCluster.ELECTION, leader::isLeader);
        applyAll(leader, 1_000_000, 50, acked); // commits need C: it rejoined

        long applied = leader.fsm().applied();
        restarted.send("stop " + applied);
        String[] stopped = restarted.await("STOPPED").split(" ");
        assertThat(restarted.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        CounterStateMachine.State expected = leader.fsm().state();
        assertThat(Long.parseLong(stopped[1])).isEqualTo(expected.count());
        assertThat(Long.parseLong(stopped[2])).as("C applied the same commands in the same order").isEqualTo(expected.hash());

        List<StoredRecord> cLog = cFiles.records(1, Long.MAX_VALUE);
        assertThat(LogReading.commands(cLog)).containsAll(acked);
        List<StoredRecord> leaderLog = leader.records(1, cLog.get(cLog.size() - 1).key());
        assertThat(cLog.stream().map(StoredRecord::text).toList())
                .isEqualTo(leaderLog.stream().map(StoredRecord::text).toList());
    }

    private static void applyAll(TestNode leader, long first, int count, Set<Long> acked) throws InterruptedException {
        Semaphore done = new Semaphore(0);
        for (int i = 0; i < count; i++) {
            long command = first + i;
            leader.node().apply(new Task(CounterStateMachine.command(command), status -> {
                if (status.isOk()) {
                    acked.add(command);
                }
                done.release();
            }));
        }
        assertThat(done.tryAcquire(count, 30, TimeUnit.SECONDS)).as("%d writes answered", count).isTrue();
        for (int i = 0; i < count; i++) {
            assertThat(acked).contains(first + i);
        }
    }
}
