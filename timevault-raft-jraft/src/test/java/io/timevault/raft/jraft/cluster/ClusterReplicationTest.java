package io.timevault.raft.jraft.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real 3-node jraft cluster in this JVM, each node's log in its own timevault store. */
@Timeout(120)
class ClusterReplicationTest {

    @TempDir
    Path dir;

    private TestCluster cluster;

    @AfterEach
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void electsALeaderAndReplicatesAThousandEntriesIntoIdenticalLogs() {
        cluster = new TestCluster(dir, 3);
        cluster.startAll();
        TestNode leader = cluster.awaitLeader();

        cluster.apply(leader, 1, 1000);

        cluster.awaitConverged(leader, 1000);
        // 1,000 commands and the leader's configuration entry, byte for byte the same on every node
        assertThat(cluster.assertIdenticalLogs()).isEqualTo(1001);
        assertThat(leader.records(1, 1).get(0).text()).contains("\"kind\":\"Membership\"");
        assertThat(leader.records(2, 2).get(0).text()).contains("\"kind\":\"Normal\"", "\"type\":\"DATA\"");
    }

    @Test
    void electsANewLeaderWhenTheLeaderStopsAndTheOldLeaderRejoinsFromItsFiles() {
        cluster = new TestCluster(dir, 3);
        cluster.startAll();
        TestNode first = cluster.awaitLeader();
        cluster.apply(first, 1, 300);

        first.stop();
        TestNode second = cluster.awaitLeader();
        assertThat(second).isNotSameAs(first);
        cluster.apply(second, 301, 200);

        cluster.start(first);
        cluster.awaitConverged(second, 500);
        assertThat(first.node().getLeaderId()).isEqualTo(second.peer());
        cluster.assertIdenticalLogs();
        assertThat(first.fsm().snapshotsLoaded()).as("caught up from its own log, not a snapshot").isZero();
    }
}
