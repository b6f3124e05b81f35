package io.timevault.raft.jraft.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.store.StoredRecord;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, made deterministic: SOFAJRaft 1.4.1 hands the state machine the log entry's own command buffer and still
 * uses it afterwards. On a 3-node leader, the two followers can commit an entry before the leader's own disk write
 * runs; if the leader's state machine consumed the buffer meanwhile, the leader stores the zero bytes left. The
 * leader's data appends are held back here until its state machine applied the entry, which forces that order.
 * Reading a {@code duplicate()} (what the sample does and the README says) keeps the stored command intact.
 */
@Timeout(120)
class ConsumedCommandBufferTest {

    /** The 8 bytes of the command 42, in the base64 the bridge stores bytes that are not JSON as. */
    private static final String COMMAND_42 = java.util.Base64.getEncoder().encodeToString(
            CounterStateMachine.command(42).array());

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
    void aStateMachineThatConsumesItsCommandBufferMakesTheLeaderStoreAnEmptyCommand() {
        String[] records = leaderAndFollowerRecordOfACommandAppliedBeforeTheLeaderWroteIt(CounterStateMachine.Reads.CONSUME);
        assertThat(records[1]).as("the follower's copy holds the command").contains(COMMAND_42);
        assertThat(records[0]).as("the leader's copy lost it").contains("\"kind\":\"Normal\"")
                .doesNotContain(COMMAND_42);
    }

    @Test
    void aStateMachineThatReadsADuplicateLeavesTheStoredCommandIntact() {
        String[] records = leaderAndFollowerRecordOfACommandAppliedBeforeTheLeaderWroteIt(CounterStateMachine.Reads.DUPLICATE);
        assertThat(records[0]).isEqualTo(records[1]).contains(COMMAND_42);
        cluster.assertIdenticalLogs();
    }

    /** The record of the command on the leader's disk and on a follower's, once the leader wrote it. */
    private String[] leaderAndFollowerRecordOfACommandAppliedBeforeTheLeaderWroteIt(CounterStateMachine.Reads reads) {
        cluster = new TestCluster(dir, 3, reads);
        cluster.startAll();
        TestNode leader = cluster.awaitLeader();
        long before = leader.fsm().applied();
        leader.factory().holdDataAppendsUntil(() -> leader.fsm().applied() > before);

        cluster.apply(leader, 42, 1);

        long index = leader.fsm().state().lastIndex();
        assertThat(leader.fsm().applied()).as("applied on the leader before its own disk write").isEqualTo(before + 1);
        TestNode follower = cluster.others(leader).get(0);
        Await.until("the entry on both disks", TestCluster.CONVERGE, () -> leader.records(index, index).size() == 1
                && follower.records(index, index).size() == 1);
        return new String[] {text(leader.records(index, index)), text(follower.records(index, index))};
    }

    private static String text(java.util.List<StoredRecord> records) {
        return records.get(0).text();
    }
}
