package io.timevault.raft.jraft.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.timevault.raft.IfMissing;
import io.timevault.raft.RaftLogMissingException;
import io.timevault.raft.RaftLogRegistry;
import io.timevault.raft.jraft.TimevaultJRaftOptions;
import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose log vanished (its partition directory deleted: log and vote) must not rejoin its group with an
 * empty log unless the operator says so ({@link IfMissing#CREATE}). Real jraft nodes on 127.0.0.1:25101-25103.
 */
@Timeout(120)
class ClusterLostLogTest {

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
    void aNodeWhoseLogVanishedDoesNotStartUntilTheOperatorAllowsAnEmptyLog() throws IOException {
        cluster = new TestCluster(dir, List.of(25101, 25102, 25103));
        cluster.startAll();
        TestNode leader = cluster.awaitLeader();
        cluster.apply(leader, 1, 50);
        cluster.awaitConverged(leader, 50);
        TestNode lost = cluster.others(leader).get(0);
        lost.stop();
        Path partition = partitionDirectory(lost);
        deleteRecursively(partition);

        assertThatExceptionOfType(IllegalStateException.class).as("jraft's node init fails")
                .isThrownBy(() -> cluster.start(lost));
        assertThat(lost.running()).isFalse();
        assertThat(partition).as("no empty log was created").doesNotExist();
        assertThatExceptionOfType(RaftLogMissingException.class).as("the reason, as the bridge logged it")
                .isThrownBy(() -> {
                    try (TimevaultStore store = TimevaultStore.open(lost.storeDirectory(), StoreOptions.DEFAULTS)) {
                        RaftLogRegistry.of(store).checkNotLost(TestNode.GROUP, TestNode.PARTITION, IfMissing.FAIL);
                    }
                }).satisfies(e -> assertThat(e.directory()).isEqualTo(partition.toAbsolutePath().normalize()));

        // The group carries on without it.
        cluster.apply(leader, 51, 10);
        cluster.awaitConverged(leader, 60);

        // The operator says so: the node comes back empty and the leader refills its log.
        lost.bridgeOptions(TimevaultJRaftOptions.DEFAULTS.withIfMissing(group -> IfMissing.CREATE));
        cluster.start(lost);
        cluster.awaitConverged(leader, 60);
        assertThat(cluster.assertIdenticalLogs()).isGreaterThanOrEqualTo(60);
    }

    private static Path partitionDirectory(TestNode node) {
        try (TimevaultStore store = TimevaultStore.open(node.storeDirectory(), StoreOptions.READ_ONLY)) {
            return store.partitionDirectory(TestNode.PARTITION);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
