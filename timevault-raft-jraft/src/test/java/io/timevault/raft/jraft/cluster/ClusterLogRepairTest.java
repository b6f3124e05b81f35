package io.timevault.raft.jraft.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.raft.jraft.FaultPointsAccess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** How the real engine repairs a node's log through our storage: suffix truncation and reset. */
@Timeout(120)
class ClusterLogRepairTest {

    @TempDir
    Path dir;

    private TestCluster cluster;

    @AfterEach
    void stopCluster() {
        FaultPointsAccess.disarmAll();
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * Makes the leader append {@code count} entries that never commit: its followers are stopped first. Returns
     * the isolated leader, stopped, with the followers running again. The committed log is the configuration entry
     * and {@code committed} commands.
     */
    private TestNode isolateLeaderWithUncommittedEntries(int committed, int count) {
        cluster.startAll();
        TestNode leader = cluster.awaitLeader();
        cluster.apply(leader, 1, committed);
        List<TestNode> followers = cluster.others(leader);
        followers.forEach(TestNode::stop);

        cluster.applyUnacknowledged(leader, 1_000_000, count);
        long end = committed + 1 + count;
        Await.until("the isolated leader appended its " + count + " entries", Duration.ofSeconds(10),
                () -> leader.node().getLastLogIndex() >= end);
        leader.stop();
        followers.forEach(cluster::start);
        return leader;
    }

    /** jraft calls the storage on its log thread after it updated its own view: wait for the call to be made. */
    private static void awaitCall(TestNode node, String operation) {
        Await.until(node + " called " + operation, Duration.ofSeconds(10),
                () -> !node.factory().calls(operation).isEmpty());
    }

    @Test
    void anIsolatedLeadersUncommittedSuffixIsTruncatedWhenItRejoins() {
        cluster = new TestCluster(dir, 3);
        TestNode old = isolateLeaderWithUncommittedEntries(100, 50);
        TestNode leader = cluster.awaitLeader();
        cluster.apply(leader, 2_000_000, 100);

        cluster.start(old);

        cluster.awaitConverged(leader, 200);
        awaitCall(old, "truncateSuffix");
        assertThat(old.factory().calls("truncateSuffix")).containsExactly("truncateSuffix 101 -> true");
        cluster.assertIdenticalLogs();
    }

    /**
     * The old leader holds entries up to 401 in term 1; the new leader commits 100 more from 102 in a later term and
     * snapshots twice (at 152 and 202), which purges its log up to 152. Replicating to the old leader walks back
     * to the purge point and installs the snapshot at 202, where the old leader has an entry of another term.
     */
    private TestNode conflictingSnapshot() {
        TestNode old = isolateLeaderWithUncommittedEntries(100, 300);
        TestNode leader = cluster.awaitLeader();
        cluster.apply(leader, 2_000_000, 50);
        cluster.snapshot(leader);
        cluster.apply(leader, 2_000_050, 50);
        cluster.snapshot(leader);
        // the second snapshot purges up to the first (jraft keeps one snapshot's worth of log for followers)
        awaitCall(leader, "truncatePrefix");
        assertThat(leader.factory().calls("truncatePrefix")).containsExactly("truncatePrefix 153 -> true");
        return old;
    }

    @Test
    void aSnapshotThatConflictsWithTheLogResetsIt() {
        cluster = new TestCluster(dir, 3);
        TestNode old = conflictingSnapshot();
        TestNode leader = cluster.awaitLeader();

        cluster.start(old);

        cluster.awaitConverged(leader, 200);
        // the state machine loads the snapshot before jraft resets the log (on its log thread)
        awaitCall(old, "reset");
        assertThat(old.factory().calls("reset")).containsExactly("reset 203 -> true");
        assertThat(old.fsm().snapshotsLoaded()).isEqualTo(1);
        assertThat(old.node().getLastLogIndex()).isEqualTo(leader.node().getLastLogIndex());
        cluster.apply(leader, 3_000_000, 10);
        cluster.awaitConverged(leader, 210);
        cluster.assertIdenticalLogs();
    }

    @Test
    void aResetInterruptedAfterTruncatingLeavesALogTheNextStartUses() {
        cluster = new TestCluster(dir, 3);
        TestNode old = conflictingSnapshot();
        TestNode leader = cluster.awaitLeader();
        FaultPointsAccess.crashResetAfterTruncate();

        cluster.start(old);

        Await.until("the node stopped on the failed reset", TestCluster.CONVERGE, () -> old.fsm().error() != null);
        assertThat(old.factory().calls("reset")).containsExactly("reset 203 -> false");
        old.stop();
        FaultPointsAccess.disarmAll();

        cluster.start(old);

        cluster.awaitConverged(leader, 200);
        // the snapshot was durable before reset ran: loading it at start purges the now empty log up to it
        awaitCall(old, "truncatePrefix");
        assertThat(old.factory().calls()).containsExactly("truncatePrefix 203 -> true");
        cluster.apply(leader, 3_000_000, 10);
        cluster.awaitConverged(leader, 210);
        cluster.assertIdenticalLogs();
    }
}
