package io.timevault.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.store.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-only inspector health uses for logs nobody holds open: it reports what opening would find, through the
 * adapter's own recovery and side-file code, and leaves every byte and file of the store as it was.
 */
class LogInspectorTest {

    @TempDir
    Path root;

    @Test
    void aCleanLogReportsItsLastLogIdPurgePointAndVote() {
        try (TestLog log = TestLog.open(root)) {
            TimevaultLogStorageRecoveryTest.appendBlanks(log, 1, 9);
            log.storage.purge(LogId.of(1, 0, 3));
            log.storage.saveVote(Vote.of(4, 2));
        }
        LogStorageStatus status = LogInspector.inspect(root, TestLog.PARTITION_ID);

        assertThat(status.recovery().kind()).isEqualTo(RecoveryOutcome.Kind.CLEAN);
        assertThat(status.lastLogId()).isEqualTo(LogId.of(1, 0, 9));
        assertThat(status.lastPurgedLogId()).isEqualTo(LogId.of(1, 0, 3));
        assertThat(status.vote()).isEqualTo(Vote.of(4, 2));
        assertThat(status.writerState()).as("no writer holds it").isNull();
        assertThat(status.directory()).isAbsolute().isEqualTo(TestLog.partitionDirectory(root).toAbsolutePath());
    }

    @Test
    void aTornTailIsReportedAndLeftOnDisk() throws IOException {
        try (TestLog log = TestLog.open(root)) {
            TimevaultLogStorageRecoveryTest.appendBlanks(log, 1, 5);
        }
        Path chunk = TimevaultLogStorageRecoveryTest.chunks(TestLog.partitionDirectory(root)).get(0);
        Files.writeString(chunk, "{\"timestamp\":6,\"log_id\":{\"lea", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        Map<Path, String> before = snapshot(root);

        LogStorageStatus status = LogInspector.inspect(root, TestLog.PARTITION_ID);
        LogStorageStatus again = LogInspector.inspect(root, TestLog.PARTITION_ID);

        assertThat(status.recovery().kind()).isEqualTo(RecoveryOutcome.Kind.TAIL_REPAIRED);
        assertThat(status.lastLogId()).isEqualTo(LogId.of(1, 0, 5));
        assertThat(again).usingRecursiveComparison().isEqualTo(status);
        assertThat(snapshot(root)).as("every file byte for byte, no file added or removed").isEqualTo(before);
    }

    @Test
    void aPurgeInterruptedBeforeThePartitionPurgeIsReportedPendingAndNotRun() throws IOException {
        Path dir = logOfBlanks(10);
        DurableFiles.writeAtomically(dir.resolve("raft_purge.json"), RaftSideFiles.purgeJson(LogId.of(1, 0, 5)));
        Map<Path, String> before = snapshot(root);

        LogStorageStatus status = LogInspector.inspect(root, TestLog.PARTITION_ID);

        assertThat(status.recovery().kind()).isEqualTo(RecoveryOutcome.Kind.RE_PURGED);
        assertThat(status.recovery().details()).anySatisfy(detail -> assertThat(detail).contains("pending"));
        assertThat(status.lastPurgedLogId()).isEqualTo(LogId.of(1, 0, 5));
        assertThat(status.lastLogId()).isEqualTo(LogId.of(1, 0, 10));
        assertThat(snapshot(root)).isEqualTo(before);

        try (TestLog reopened = TestLog.open(root)) {
            assertThat(reopened.partition.lastPurgeId()).as("the real open still purges").hasValue(5);
        }
    }

    @Test
    void aPendingPurgePastTheEndReportsAnEmptyLogAtThePurgePoint() {
        Path dir = logOfBlanks(4);
        DurableFiles.writeAtomically(dir.resolve("raft_purge.json"), RaftSideFiles.purgeJson(LogId.of(2, 0, 8)));

        LogStorageStatus status = LogInspector.inspect(root, TestLog.PARTITION_ID);

        assertThat(status.recovery().kind()).isEqualTo(RecoveryOutcome.Kind.RE_PURGED);
        assertThat(status.lastLogId()).isEqualTo(LogId.of(2, 0, 8));
    }

    @Test
    void aBrokenVoteFileIsReportedFailedWithTheFinding() throws IOException {
        Path dir = logOfBlanks(2);
        Files.writeString(dir.resolve("raft_vote.json"), "{\"leader_id\":");

        LogStorageStatus status = LogInspector.inspect(root, TestLog.PARTITION_ID);

        assertThat(status.recovery().kind()).isEqualTo(RecoveryOutcome.Kind.FAILED);
        assertThat(status.recovery().details()).anySatisfy(detail -> assertThat(detail).contains("raft_vote.json"));
    }

    @Test
    void aPartitionThatDoesNotExistIsReportedWithoutCreatingAnything() throws IOException {
        UUID id = UUID.fromString("00000000-0000-0000-0000-00000000beef");
        Path missingRoot = root.resolve("not-created");

        LogStorageStatus status = LogInspector.inspect(missingRoot, id);

        assertThat(status.recovery().kind()).isEqualTo(RecoveryOutcome.Kind.CLEAN);
        assertThat(status.recovery().details()).singleElement().asString().contains("does not exist");
        assertThat(status.lastLogId()).isNull();
        assertThat(status.directory()).isAbsolute();
        assertThat(missingRoot).doesNotExist();
    }

    /** Writes a log of blank entries 1..{@code last} and closes it; returns its partition directory. */
    private Path logOfBlanks(long last) {
        try (TestLog log = TestLog.open(root)) {
            TimevaultLogStorageRecoveryTest.appendBlanks(log, 1, last);
            return log.directory();
        }
    }

    /** Every file under {@code dir} with a digest of its bytes. */
    private static Map<Path, String> snapshot(Path dir) throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                files.put(path, Files.isRegularFile(path) ? digest(Files.readAllBytes(path)) : "dir");
            }
        }
        return files;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
