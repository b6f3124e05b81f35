package io.timevault.raft.jraft.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots with log purging, and a whole cluster coming back from its files. */
@Timeout(120)
class ClusterSnapshotAndRestartTest {

    @TempDir
    Path dir;

    private TestCluster cluster;

    @AfterEach
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static void awaitCall(TestNode node, String operation) {
        Await.until(node + " called " + operation, Duration.ofSeconds(10),
                () -> !node.factory().calls(operation).isEmpty());
    }

    @Test
    void aLaggingFollowerInstallsTheSnapshotWhenTheLeaderPurgedTheEntriesItMisses() {
        cluster = new TestCluster(dir, 3);
        cluster.startAll();
        TestNode leader = cluster.awaitLeader();
        cluster.apply(leader, 1, 100);
        TestNode lagging = cluster.others(leader).get(0);
        lagging.stop();

        cluster.apply(leader, 101, 300);
        cluster.snapshot(leader); // at 401
        cluster.apply(leader, 401, 300);
        cluster.snapshot(leader); // at 701: the log is purged up to 401
        awaitCall(leader, "truncatePrefix");
        assertThat(leader.factory().calls("truncatePrefix")).containsExactly("truncatePrefix 402 -> true");
        assertThat(leader.records(1, 401)).as("purged from the leader's partition").isEmpty();

        cluster.start(lagging);

        cluster.awaitConverged(leader, 700);
        assertThat(lagging.fsm().snapshotsLoaded()).isEqualTo(1);
        // its log ended at 101: the snapshot lies past the end, so the log is purged up to it and starts after it
        awaitCall(lagging, "truncatePrefix");
        assertThat(lagging.factory().calls()).containsExactly("truncatePrefix 702 -> true");
        cluster.apply(leader, 701, 10);
        cluster.awaitConverged(leader, 710);
        assertThat(cluster.assertIdenticalLogs()).isEqualTo(10);
    }

    @Test
    void theWholeClusterRestartsFromItsFilesWithItsStateIntact() {
        cluster = new TestCluster(dir, 3);
        cluster.startAll();
        TestNode leader = cluster.awaitLeader();
        cluster.apply(leader, 1, 300);
        cluster.awaitConverged(leader, 300);
        cluster.nodes().forEach(cluster::snapshot);
        cluster.apply(leader, 301, 200);
        cluster.awaitConverged(leader, 500);
        CounterStateMachine.State before = leader.fsm().state();
        Map<TestNode, Long> terms = new HashMap<>();
        cluster.nodes().forEach(n -> terms.put(n, n.durableTerm()));
        int logLength = cluster.assertIdenticalLogs();

        List<TestNode> all = cluster.nodes();
        all.forEach(TestNode::stop);
        cluster.startAll();

        TestNode newLeader = cluster.awaitLeader();
        cluster.awaitConverged(newLeader, 500);
        assertThat(newLeader.fsm().state()).isEqualTo(before);
        for (TestNode node : all) {
            assertThat(node.durableTerm()).as("term of %s", node).isGreaterThan(terms.get(node));
            assertThat(node.fsm().snapshotsLoaded()).as("%s started from its snapshot", node).isEqualTo(1);
        }
        // the new leader's configuration entry follows the log kept on disk
        assertThat(cluster.assertIdenticalLogs()).isEqualTo(logLength + 1);
        cluster.apply(newLeader, 501, 20);
        cluster.awaitConverged(newLeader, 520);
    }
}
