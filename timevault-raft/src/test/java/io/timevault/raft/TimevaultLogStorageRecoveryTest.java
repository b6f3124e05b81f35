package io.timevault.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.timevault.store.DurableFiles;
import io.timevault.store.RecoveryReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What opening the adapter finds on disk: the seed's re-purge rule, the last log id, votes, broken side files. */
class TimevaultLogStorageRecoveryTest {

    @TempDir
    Path root;

    /** The seed's rule: crash after step 1 of purge (raft_purge.json written, partition not purged) → purge again. */
    @Test
    void crashBetweenPurgeFileAndPartitionPurgeIsPurgedAgainOnReopen() {
        TestLog log = TestLog.open(root);
        appendBlanks(log, 0, 10);
        Path dir = log.directory();
        log.close();
        DurableFiles.writeAtomically(dir.resolve("raft_purge.json"), RaftSideFiles.purgeJson(LogId.of(1, 0, 5)));

        log = TestLog.open(root);
        assertThat(log.storage.recovery().kind()).isEqualTo(RecoveryOutcome.Kind.RE_PURGED);
        assertThat(log.storage.recovery().details()).anySatisfy(d -> assertThat(d).contains("purged again"));
        assertThat(log.partition.lastPurgeId()).hasValue(5);
        assertThat(log.storage.getLogState()).isEqualTo(new LogState(LogId.of(1, 0, 5), LogId.of(1, 0, 10)));
        assertThat(log.storage.tryGetLogEntries(0, 100)).extracting(Entry::index).containsExactly(6L, 7L, 8L, 9L, 10L);

        log = log.reopen();
        assertThat(log.storage.recovery().kind()).isEqualTo(RecoveryOutcome.Kind.CLEAN);
        log.close();
    }

    @Test
    void crashDuringAPurgePastTheEndEmptiesTheLogOnReopen() {
        TestLog log = TestLog.open(root);
        appendBlanks(log, 0, 10);
        log.storage.purge(LogId.of(1, 0, 3));
        Path dir = log.directory();
        log.close();
        DurableFiles.writeAtomically(dir.resolve("raft_purge.json"), RaftSideFiles.purgeJson(LogId.of(2, 0, 20)));

        log = TestLog.open(root);
        assertThat(log.storage.recovery().kind()).isEqualTo(RecoveryOutcome.Kind.RE_PURGED);
        assertThat(log.storage.getLogState()).isEqualTo(new LogState(LogId.of(2, 0, 20), LogId.of(2, 0, 20)));
        assertThat(log.storage.tryGetLogEntries(0, RaftLogReader.UNBOUNDED)).isEmpty();
        log.close();
    }

    /** timevault-rs loses the last record when the index ends exactly at end-of-file (spec §7 item 6). */
    @ParameterizedTest(name = "{0} entries")
    @ValueSource(ints = {127, 128, 129, 256})
    void lastLogIdSurvivesReopenWhateverTheIndexCadence(int count) {
        TestLog log = TestLog.open(root);
        appendBlanks(log, 0, count - 1);
        log = log.reopen();
        assertThat(log.storage.getLogState()).isEqualTo(new LogState(null, LogId.of(1, 0, count - 1)));
        assertThat(log.storage.tryGetLogEntries(0, RaftLogReader.UNBOUNDED)).hasSize(count);
        log.close();
    }

    @Test
    void lastLogIdSurvivesReopenAfterAPurgeThatLeavesWholeIndexBlocks() {
        TestLog log = TestLog.open(root);
        appendBlanks(log, 0, 255);
        log.storage.purge(LogId.of(1, 0, 127));
        log = log.reopen();
        assertThat(log.storage.getLogState()).isEqualTo(new LogState(LogId.of(1, 0, 127), LogId.of(1, 0, 255)));
        log.close();
    }

    @Test
    void voteAndPurgedIdAreDurableAcrossReopen() {
        TestLog log = TestLog.open(root);
        appendBlanks(log, 0, 4);
        log.storage.saveVote(Vote.committed(7, 3));
        log.storage.purge(LogId.of(1, 0, 2));
        log = log.reopen();
        assertThat(log.storage.readVote()).contains(Vote.committed(7, 3));
        assertThat(log.storage.getLogState()).isEqualTo(new LogState(LogId.of(1, 0, 2), LogId.of(1, 0, 4)));
        assertThat(log.storage.recovery().kind()).isEqualTo(RecoveryOutcome.Kind.CLEAN);
        log.close();
    }

    @Test
    void truncatedEntriesStayGoneAfterReopen() {
        TestLog log = TestLog.open(root);
        appendBlanks(log, 0, 9);
        log.storage.truncate(LogId.of(1, 0, 4));
        log = log.reopen();
        assertThat(log.storage.getLogState()).isEqualTo(new LogState(null, LogId.of(1, 0, 3)));
        log.storage.blockingAppend(List.of(Entry.blank(LogId.of(2, 0, 4))));
        assertThat(log.storage.getLogId(4)).isEqualTo(LogId.of(2, 0, 4));
        log.close();
    }

    @Test
    void tornTailIsCutAndReportedAsTailRepaired() throws IOException {
        TestLog log = TestLog.open(root);
        appendBlanks(log, 0, 5);
        Path dir = log.directory();
        log.close();
        Path chunk = chunks(dir).get(0);
        Files.write(chunk, "{\"timestamp\":6,\"log_id\":{\"lea".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

        log = TestLog.open(root);
        assertThat(log.storage.recovery().kind()).isEqualTo(RecoveryOutcome.Kind.TAIL_REPAIRED);
        assertThat(log.storage.recovery().storeReport().has(RecoveryReport.RepairKind.TAIL_TRUNCATED)).isTrue();
        assertThat(log.storage.status().recovery().details()).isNotEmpty();
        assertThat(log.storage.getLogState().lastLogId()).isEqualTo(LogId.of(1, 0, 5));
        log.close();
    }

    @Test
    void partitionPurgedWithoutThePurgeFileFailsToOpen() {
        TestLog log = TestLog.open(root);
        appendBlanks(log, 0, 5);
        log.partition.purge(2); // behind the adapter's back: the log id of index 2 is now unknown
        log.close();
        assertThatExceptionOfType(LogRecoveryException.class).isThrownBy(() -> TestLog.open(root))
                .withMessageContaining(TestLog.PARTITION_ID.toString())
                .withMessageContaining("raft_purge.json is missing")
                .satisfies(e -> assertThat(e.outcome().kind()).isEqualTo(RecoveryOutcome.Kind.FAILED));
    }

    @Test
    void partitionPurgedBeyondThePurgeFileFailsToOpen() {
        TestLog log = TestLog.open(root);
        appendBlanks(log, 0, 5);
        log.storage.purge(LogId.of(1, 0, 1));
        log.partition.purge(3);
        log.close();
        assertThatExceptionOfType(LogRecoveryException.class).isThrownBy(() -> TestLog.open(root))
                .withMessageContaining("beyond raft_purge.json")
                .satisfies(e -> assertThat(e.subject()).isEqualTo(ErrorSubject.STORE));
    }

    @Test
    void undecodableLastRecordFailsToOpenNamingPartitionAndIndex() {
        TestLog log = TestLog.open(root);
        appendBlanks(log, 0, 5);
        log.partition.append(6, "{\"timestamp\":6,\"kind\":\"Blank\"}\n".getBytes(StandardCharsets.UTF_8));
        log.partition.sync();
        log.close();
        assertThatExceptionOfType(LogRecoveryException.class).isThrownBy(() -> TestLog.open(root))
                .withMessageContaining(TestLog.PARTITION_ID.toString())
                .withMessageContaining("record at index 6")
                .satisfies(e -> assertThat(e.subject()).isEqualTo(new ErrorSubject.LogIndex(6)));
    }

    @Test
    void undecodableRecordInTheMiddleFailsTheReadNamingPartitionAndIndex() {
        TestLog log = TestLog.open(root);
        appendBlanks(log, 0, 5);
        log.partition.append(6, "{\"timestamp\":6,\"kind\":\"Blank\"}\n".getBytes(StandardCharsets.UTF_8));
        log.partition.append(7, TestLog.CODEC.encode(Entry.blank(LogId.of(1, 0, 7))));
        log.partition.sync();
        log = log.reopen();
        TestLog opened = log;
        assertThat(opened.storage.getLogState().lastLogId()).isEqualTo(LogId.of(1, 0, 7));
        assertThatExceptionOfType(StorageException.class).isThrownBy(() -> opened.storage.tryGetLogEntries(0, 10))
                .withMessageContaining(TestLog.PARTITION_ID.toString())
                .withMessageContaining("record at index 6")
                .satisfies(e -> assertThat(e.subject()).isEqualTo(new ErrorSubject.LogIndex(6)));
        assertThat(opened.storage.tryGetLogEntries(7, 8)).hasSize(1);
        log.close();
    }

    @Test
    void corruptVoteFileFailsToOpen() throws IOException {
        TestLog log = TestLog.open(root);
        log.storage.saveVote(Vote.of(1, 1));
        Path dir = log.directory();
        log.close();
        Files.writeString(dir.resolve("raft_vote.json"), "{\"leader_id\":{\"term\":1}");
        assertThatExceptionOfType(LogRecoveryException.class).isThrownBy(() -> TestLog.open(root))
                .withMessageContaining("raft_vote.json")
                .satisfies(e -> assertThat(e.subject()).isEqualTo(ErrorSubject.VOTE));
    }

    @Test
    void corruptPurgeFileFailsToOpen() throws IOException {
        TestLog log = TestLog.open(root);
        Path dir = log.directory();
        log.close();
        Files.writeString(dir.resolve("raft_purge.json"), "{\"last_deleted\":null}");
        assertThatExceptionOfType(LogRecoveryException.class).isThrownBy(() -> TestLog.open(root))
                .withMessageContaining("raft_purge.json");
    }

    static void appendBlanks(TestLog log, long from, long to) {
        List<Entry<String>> entries = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            entries.add(Entry.blank(LogId.of(1, 0, i)));
        }
        log.storage.blockingAppend(entries);
    }

    static List<Path> chunks(Path partitionDir) throws IOException {
        try (Stream<Path> files = Files.walk(partitionDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".chunk")).sorted().toList();
        }
    }
}
