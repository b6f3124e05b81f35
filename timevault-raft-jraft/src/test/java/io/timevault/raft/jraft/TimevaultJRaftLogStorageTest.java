package io.timevault.raft.jraft;

import static io.timevault.raft.jraft.LogEntries.configuration;
import static io.timevault.raft.jraft.LogEntries.data;
import static io.timevault.raft.jraft.LogEntries.peers;
import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.sofa.jraft.conf.ConfigurationEntry;
import com.alipay.sofa.jraft.conf.ConfigurationManager;
import com.alipay.sofa.jraft.entity.LogEntry;
import io.timevault.raft.Entry;
import io.timevault.raft.LogId;
import io.timevault.raft.Membership;
import io.timevault.raft.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The jraft LogStorage contract, called directly as jraft's log manager calls it. */
@SuppressWarnings("deprecation") // getTerm is deprecated in jraft, and still part of the contract
class TimevaultJRaftLogStorageTest extends InitializedLogStorage {

    /** Entries {@code [from, to]}, data {@code "e<i>"}, all in {@code term}. */
    private static List<LogEntry> entries(long from, long to, long term) {
        List<LogEntry> list = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            list.add(data(i, term, "e" + i));
        }
        return list;
    }

    private void append(long from, long to, long term) {
        assertThat(log.appendEntries(entries(from, to, term))).isEqualTo((int) (to - from + 1));
    }

    @Test
    void anEmptyLogStartsAtOneAndEndsAtZero() {
        assertThat(log.getFirstLogIndex()).isEqualTo(1);
        assertThat(log.getLastLogIndex()).isZero();
        assertThat(log.getEntry(1)).isNull();
        assertThat(log.getTerm(0)).isZero();
        assertThat(log.getTerm(1)).isZero();
    }

    @Test
    void appendedEntriesAreReadBackWithTheirTerms() {
        append(1, 3, 2);
        assertThat(log.appendEntry(data(4, 3, "e4"))).isTrue();

        assertThat(log.getFirstLogIndex()).isEqualTo(1);
        assertThat(log.getLastLogIndex()).isEqualTo(4);
        assertThat(log.getEntry(2)).isEqualTo(data(2, 2, "e2"));
        assertThat(log.getEntry(5)).isNull();
        assertThat(log.getTerm(3)).isEqualTo(2);
        assertThat(log.getTerm(4)).isEqualTo(3);
        assertThat(log.getTerm(0)).isZero();
    }

    @Test
    void appendedEntriesSurviveARestart() {
        append(1, 5, 1);

        log = fixture.restart();

        assertThat(log.getLastLogIndex()).isEqualTo(5);
        assertThat(log.getEntry(5)).isEqualTo(data(5, 1, "e5"));
    }

    @Test
    void anAppendThatWouldLeaveAHoleIsRefusedWithACountOfZero() {
        append(1, 3, 1);

        assertThat(log.appendEntries(entries(5, 6, 1))).isZero();
        assertThat(log.appendEntries(entries(3, 4, 1))).isZero();
        assertThat(log.getLastLogIndex()).isEqualTo(3);
    }

    @Test
    void aFreshLogRefusesAFirstAppendAfterIndexOne() {
        assertThat(log.appendEntries(entries(5, 6, 1))).isZero();
        assertThat(log.getLastLogIndex()).isZero();
    }

    @Test
    void truncatePrefixDropsTheEntriesBeforeTheFirstKeptIndexDurably() {
        append(1, 10, 1);

        assertThat(log.truncatePrefix(4)).isTrue();

        assertThat(log.getFirstLogIndex()).isEqualTo(4);
        assertThat(log.getLastLogIndex()).isEqualTo(10);
        assertThat(log.getEntry(3)).isNull();
        assertThat(log.getEntry(4)).isEqualTo(data(4, 1, "e4"));
        log = fixture.restart();
        assertThat(log.getFirstLogIndex()).isEqualTo(4);
        assertThat(log.getEntry(3)).isNull();
    }

    @Test
    void truncatePrefixAtOrBeforeTheFirstIndexChangesNothing() {
        append(1, 5, 1);
        assertThat(log.truncatePrefix(3)).isTrue();

        assertThat(log.truncatePrefix(3)).isTrue();
        assertThat(log.truncatePrefix(1)).isTrue();

        assertThat(log.getFirstLogIndex()).isEqualTo(3);
        assertThat(log.getEntry(3)).isNotNull();
    }

    @Test
    void truncatePrefixPastTheEndEmptiesTheLogAndTheNextAppendStartsThere() {
        append(1, 5, 1);

        assertThat(log.truncatePrefix(20)).isTrue();

        assertThat(log.getFirstLogIndex()).isEqualTo(20);
        assertThat(log.getLastLogIndex()).isEqualTo(19);
        assertThat(log.getEntry(5)).isNull();
        append(20, 21, 3);
        log = fixture.restart();
        assertThat(log.getFirstLogIndex()).isEqualTo(20);
        assertThat(log.getLastLogIndex()).isEqualTo(21);
        assertThat(log.getTerm(20)).isEqualTo(3);
    }

    @Test
    void truncatePrefixPastTheEndAfterAnEarlierPurgeKeepsPurgeIdsMonotonic() {
        append(1, 5, 4);
        assertThat(log.truncatePrefix(3)).isTrue(); // purged at (term 4, index 2)

        assertThat(log.truncatePrefix(30)).isTrue();

        assertThat(log.getFirstLogIndex()).isEqualTo(30);
        append(30, 30, 5);
        assertThat(log.getTerm(30)).isEqualTo(5);
    }

    @Test
    void truncateSuffixDropsTheEntriesAfterTheLastKeptIndexDurably() {
        append(1, 10, 1);

        assertThat(log.truncateSuffix(6)).isTrue();

        assertThat(log.getLastLogIndex()).isEqualTo(6);
        assertThat(log.getEntry(7)).isNull();
        append(7, 8, 2);
        log = fixture.restart();
        assertThat(log.getLastLogIndex()).isEqualTo(8);
        assertThat(log.getTerm(7)).isEqualTo(2);
        assertThat(log.getTerm(6)).isEqualTo(1);
    }

    @Test
    void truncateSuffixAtOrPastTheEndChangesNothing() {
        append(1, 5, 1);

        assertThat(log.truncateSuffix(5)).isTrue();
        assertThat(log.truncateSuffix(9)).isTrue();

        assertThat(log.getLastLogIndex()).isEqualTo(5);
    }

    @Test
    void truncateSuffixOfEveryEntryLeavesAnEmptyLogAfterThePurgePoint() {
        append(1, 10, 1);
        assertThat(log.truncatePrefix(4)).isTrue();

        assertThat(log.truncateSuffix(3)).isTrue();

        assertThat(log.getFirstLogIndex()).isEqualTo(4);
        assertThat(log.getLastLogIndex()).isEqualTo(3);
    }

    @Test
    void resetDropsEveryEntryAndTheNextAppendIsAtTheNextIndex() {
        append(1, 10, 1);
        assertThat(log.truncatePrefix(3)).isTrue();

        assertThat(log.reset(7)).isTrue();

        assertThat(log.getFirstLogIndex()).isEqualTo(7);
        assertThat(log.getLastLogIndex()).isEqualTo(6);
        assertThat(log.getEntry(7)).isNull();
        assertThat(log.getEntry(8)).isNull();
        append(7, 8, 2);
        log = fixture.restart();
        assertThat(log.getFirstLogIndex()).isEqualTo(7);
        assertThat(log.getLastLogIndex()).isEqualTo(8);
        assertThat(log.getEntry(7)).isEqualTo(data(7, 2, "e7"));
    }

    @Test
    void resetPastTheEndOfAFreshLogStartsTheLogThere() {
        assertThat(log.reset(5)).isTrue();

        assertThat(log.getFirstLogIndex()).isEqualTo(5);
        assertThat(log.getLastLogIndex()).isEqualTo(4);
    }

    @Test
    void resetToOneOnAFreshLogIsANoOp() {
        assertThat(log.reset(1)).isTrue();

        assertThat(log.getFirstLogIndex()).isEqualTo(1);
        assertThat(log.getLastLogIndex()).isZero();
    }

    @Test
    void resetBelowThePurgePointOrToZeroFails() {
        append(1, 10, 1);
        assertThat(log.truncatePrefix(6)).isTrue();

        assertThat(log.reset(3)).isFalse();
        assertThat(log.reset(0)).isFalse();
    }

    @Test
    void initReRegistersEveryConfigurationEntryStillInTheLog() {
        List<LogEntry> entries = new ArrayList<>();
        entries.add(configuration(1, 1, "127.0.0.1:8081,127.0.0.1:8082,127.0.0.1:8083"));
        entries.addAll(entries(2, 4, 1));
        entries.add(configuration(5, 2, "127.0.0.1:8083,127.0.0.1:8081")); // not in id order: a typed payload
        entries.addAll(entries(6, 7, 2));
        LogEntry joint = configuration(8, 2, "127.0.0.1:8081,127.0.0.1:8084");
        joint.setOldPeers(peers("127.0.0.1:8081,127.0.0.1:8083"));
        entries.add(joint);
        entries.add(data(9, 2, "e9"));
        assertThat(log.appendEntries(entries)).isEqualTo(9);
        assertThat(log.truncatePrefix(2)).isTrue(); // the first configuration is gone

        log = fixture.restart();

        ConfigurationManager manager = fixture.configurations;
        ConfigurationEntry last = manager.getLastConfiguration();
        assertThat(last.getId()).isEqualTo(new com.alipay.sofa.jraft.entity.LogId(8, 2));
        assertThat(last.getConf().getPeers()).isEqualTo(peers("127.0.0.1:8081,127.0.0.1:8084"));
        assertThat(last.getOldConf().getPeers()).isEqualTo(peers("127.0.0.1:8081,127.0.0.1:8083"));
        ConfigurationEntry typed = manager.get(7);
        assertThat(typed.getId().getIndex()).isEqualTo(5);
        assertThat(typed.getConf().getPeers()).isEqualTo(peers("127.0.0.1:8083,127.0.0.1:8081"));
        assertThat(manager.get(4).isEmpty()).as("no configuration before index 5 is left").isTrue();
    }

    @Test
    void initDoesNotDecodeDataPayloads() {
        append(1, 2, 1);
        // a data line whose payload does not even bind to JRaftPayload: only a full decode notices
        writeRaw(3, "{\"timestamp\":3,\"log_id\":{\"leader_id\":{\"term\":1,\"node_id\":0},\"index\":3},"
                + "\"kind\":\"Normal\",\"payload\":{\"type\":\"DATA\",\"data\":{\"not\":\"a string\"}}}\n");
        // the adapter decodes the last line when it opens, so the odd one is not last
        writeRaw(4, new String(GroupLogs.CODEC.encode(new LogEntryMapping(false).toEntry(data(4, 1, "e4"))),
                java.nio.charset.StandardCharsets.UTF_8));

        log = fixture.restart();

        assertThat(log.getLastLogIndex()).isEqualTo(4);
        assertThat(log.getEntry(4)).isEqualTo(data(4, 1, "e4"));
        assertThat(log.getEntry(3)).as("reading the entry decodes it, and fails").isNull();
    }

    /** Appends one raw line to the group's partition while no storage holds it, as a foreign writer could. */
    private void writeRaw(long index, String line) {
        fixture.storage.shutdown();
        io.timevault.store.Partition partition = fixture.store.openPartition(
                io.timevault.raft.LogPartitionIds.derive(StorageFixture.GROUP));
        partition.append(index, line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        partition.sync();
    }

    @Test
    void aConfigurationLineThatDoesNotDecodeFailsInit() {
        append(1, 2, 1);
        writeDirectly(List.of(Entry.membership(LogId.of(1, 0, 3),
                Membership.of(List.of(Set.of(7L)), Map.of(7L, new Node("not a peer"))))));
        fixture.close();

        StorageFixture reopened = new StorageFixture(dir);
        try {
            assertThat(reopened.init(reopened.storage, reopened.configurations)).isFalse();
        } finally {
            reopened.close();
        }
        fixture = new StorageFixture(dir); // for @AfterEach
        log = fixture.storage;
    }

    /** Writes entries through the adapter under the bridge, as a foreign writer could have. */
    private void writeDirectly(List<Entry<JRaftPayload>> entries) {
        GroupLogs logs = new GroupLogs(fixture.store, TimevaultJRaftOptions.DEFAULTS);
        fixture.storage.shutdown();
        try (GroupLogs.Lease lease = logs.acquire(StorageFixture.GROUP)) {
            lease.log().blockingAppend(entries);
        }
    }

    @Test
    void aStorageThatWasShutDownCanBeInitializedAgain() {
        append(1, 3, 1);
        log.shutdown();
        assertThat(log.getEntry(1)).as("shut down").isNull();

        assertThat(fixture.init(log, new ConfigurationManager())).isTrue();

        assertThat(log.getEntry(3)).isEqualTo(data(3, 1, "e3"));
    }

    @Test
    void aFailedStoreMakesEveryCallFailWithoutThrowing() {
        append(1, 3, 1);
        fixture.store.close(); // the partition under the adapter is gone

        assertThat(log.appendEntries(entries(4, 5, 1))).isZero();
        assertThat(log.truncateSuffix(1)).isFalse();
        assertThat(log.truncatePrefix(3)).isFalse();
        assertThat(log.reset(10)).isFalse();
        assertThat(log.getEntry(2)).isNull();
    }

    @Test
    void callsBeforeInitFailWithoutThrowing() {
        TimevaultJRaftLogStorage fresh = fixture.newStorage();

        assertThat(fresh.getEntry(1)).isNull();
        assertThat(fresh.appendEntries(entries(1, 1, 1))).isZero();
        assertThat(fresh.truncatePrefix(2)).isFalse();
    }
}
