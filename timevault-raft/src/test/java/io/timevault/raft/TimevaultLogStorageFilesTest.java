package io.timevault.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bytes the adapter leaves in the partition directory, as timevault-rs writes and reads them. */
class TimevaultLogStorageFilesTest {

    @TempDir
    Path root;

    @Test
    void voteFileHoldsTheVoteJsonWithoutTrailingNewline() throws IOException {
        try (TestLog log = TestLog.open(root)) {
            log.storage.saveVote(Vote.of(5, 1));
            assertThat(Files.readString(log.directory().resolve("raft_vote.json")))
                    .isEqualTo("{\"leader_id\":{\"term\":5,\"node_id\":1},\"committed\":false}");
        }
    }

    @Test
    void purgeFileHoldsTheLastDeletedLogIdWithoutTrailingNewline() throws IOException {
        try (TestLog log = TestLog.open(root)) {
            TimevaultLogStorageRecoveryTest.appendBlanks(log, 0, 7);
            log.storage.purge(LogId.of(1, 0, 5));
            assertThat(Files.readString(log.directory().resolve("raft_purge.json")))
                    .isEqualTo("{\"last_deleted\":{\"leader_id\":{\"term\":1,\"node_id\":0},\"index\":5}}");
            assertThat(log.partition.lastPurgeId()).hasValue(5);
        }
    }

    @Test
    void chunkHoldsOneRaftLinePerEntryInIndexOrder() throws IOException {
        Path dir;
        try (TestLog log = TestLog.open(root)) {
            log.storage.blockingAppend(List.of(Entry.blank(LogId.of(1, 0, 5)),
                    Entry.membership(LogId.of(1, 0, 6), Membership.of(Set.of(2L, 10L))),
                    Entry.normal(LogId.of(3, 176, 7), "hello")));
            dir = log.directory();
        }
        Path chunk = TimevaultLogStorageRecoveryTest.chunks(dir).get(0);
        assertThat(Files.readAllLines(chunk, StandardCharsets.UTF_8)).containsExactly(
                "{\"timestamp\":5,\"log_id\":{\"leader_id\":{\"term\":1,\"node_id\":0},\"index\":5},\"kind\":\"Blank\",\"payload\":null}",
                "{\"timestamp\":6,\"log_id\":{\"leader_id\":{\"term\":1,\"node_id\":0},\"index\":6},\"kind\":\"Membership\","
                        + "\"payload\":{\"configs\":[[2,10]],\"nodes\":{\"10\":{\"addr\":\"\"},\"2\":{\"addr\":\"\"}}}}",
                "{\"timestamp\":7,\"log_id\":{\"leader_id\":{\"term\":3,\"node_id\":176},\"index\":7},\"kind\":\"Normal\",\"payload\":\"hello\"}");
    }

    /** Spec §6.10 item 64: reading a fresh log creates neither side file. */
    @Test
    void freshLogReadsEmptyAndCreatesNoSideFiles() {
        try (TestLog log = TestLog.open(root)) {
            assertThat(log.storage.getLogState()).isEqualTo(LogState.EMPTY);
            assertThat(log.storage.tryGetLogEntries(1, 11)).isEmpty();
            assertThat(log.storage.readVote()).isEmpty();
            assertThat(log.directory().resolve("raft_vote.json")).doesNotExist();
            assertThat(log.directory().resolve("raft_purge.json")).doesNotExist();
        }
    }

    /** serde accepts any key order, whitespace and unknown fields; so does our reader. */
    @Test
    void sideFilesWithOtherKeyOrderWhitespaceAndUnknownFieldsAreRead() throws IOException {
        Path dir;
        try (TestLog log = TestLog.open(root)) {
            TimevaultLogStorageRecoveryTest.appendBlanks(log, 0, 3);
            log.storage.purge(LogId.of(1, 0, 1));
            dir = log.directory();
        }
        Files.writeString(dir.resolve("raft_vote.json"),
                "{ \"committed\": true,\n \"leader_id\": {\"node_id\": 4, \"term\": 9}, \"x\": 1 }");
        Files.writeString(dir.resolve("raft_purge.json"),
                "{\"last_deleted\": {\"index\": 1, \"leader_id\": {\"node_id\": 0, \"term\": 1}}}\n");
        try (TestLog log = TestLog.open(root)) {
            assertThat(log.storage.readVote()).contains(Vote.committed(9, 4));
            assertThat(log.storage.getLogState().lastPurgedLogId()).isEqualTo(LogId.of(1, 0, 1));
            assertThat(log.storage.recovery().kind()).isEqualTo(RecoveryOutcome.Kind.CLEAN);
        }
    }

    @Test
    void sideFilesLeaveNoTemporaryFilesBehind() throws IOException {
        try (TestLog log = TestLog.open(root)) {
            TimevaultLogStorageRecoveryTest.appendBlanks(log, 0, 3);
            log.storage.saveVote(Vote.of(1, 0));
            log.storage.purge(LogId.of(1, 0, 1));
            try (var files = Files.list(log.directory())) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }
        }
    }
}
