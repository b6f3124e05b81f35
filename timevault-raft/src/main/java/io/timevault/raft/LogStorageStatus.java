package io.timevault.raft;

import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * A point-in-time view of a {@link TimevaultLogStorage} for health reporting. Log ids and the vote are the durable
 * values (memory changes only after the write that changes them succeeded).
 *
 * @param partitionId     the partition holding the log
 * @param directory       the partition directory
 * @param recovery        what opening found and repaired
 * @param lastLogId       as {@link RaftLogStorage#getLogState()}: last entry, else last purged; {@code null} if none
 * @param lastPurgedLogId the last purged id, {@code null} if nothing was purged
 * @param vote            the saved vote, {@code null} if none
 * @param writerState     whether writes are accepted
 * @param failureCause    the first write failure, {@code null} unless one happened
 */
public record LogStorageStatus(
        UUID partitionId,
        Path directory,
        RecoveryOutcome recovery,
        LogId lastLogId,
        LogId lastPurgedLogId,
        Vote vote,
        WriterState writerState,
        Throwable failureCause) {

    /** Whether the storage accepts writes (health UP). */
    public boolean healthy() {
        return writerState == WriterState.RUNNING;
    }

    public Optional<LogId> lastLog() {
        return Optional.ofNullable(lastLogId);
    }

    public Optional<LogId> lastPurged() {
        return Optional.ofNullable(lastPurgedLogId);
    }

    public Optional<Vote> currentVote() {
        return Optional.ofNullable(vote);
    }

    public Optional<Throwable> failure() {
        return Optional.ofNullable(failureCause);
    }
}
