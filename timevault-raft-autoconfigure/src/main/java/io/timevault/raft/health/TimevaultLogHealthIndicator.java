package io.timevault.raft.health;

import io.timevault.raft.LogId;
import io.timevault.raft.LogStorageStatus;
import io.timevault.raft.RecoveryOutcome;
import io.timevault.raft.Vote;
import io.timevault.raft.WriterState;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of one timevault Raft log, from its {@link LogStorageStatus}.
 *
 * <p>Status: DOWN when recovery failed (the log did not open, or would not) or the writer failed (every write is
 * refused until the log is reopened); OUT_OF_SERVICE when the log is closed; UNKNOWN when no writer of this
 * application holds the log (a jraft group whose node is not running: the details are read from its partition,
 * read-only); UP otherwise, including after a repaired tail or a re-run purge, which are normal after a crash.
 *
 * <p>Details, all plain values: {@code log}, {@code nodeId}, {@code partitionId}, {@code directory}, {@code recovery} (CLEAN,
 * TAIL_REPAIRED, RE_PURGED or FAILED) with {@code recoveryDetails} when there is something to say,
 * {@code lastLogId}, {@code lastPurgedLogId} and {@code vote} in OpenRaft's display form ({@code T3-N1-42},
 * {@code T3-N1:committed}) or {@code none}, {@code writer} ({@code RUNNING}, {@code FAILED}, {@code CLOSED}, or {@code NOT_OPEN} for a log read from its
 * partition), and {@code failure} once the writer failed. Paths are absolute.
 */
public class TimevaultLogHealthIndicator extends AbstractHealthIndicator {

    private static final String NONE = "none";

    private static final String NOT_OPEN = "NOT_OPEN";

    private final String name;

    private final Long nodeId;

    private final Supplier<LogStorageStatus> status;

    /**
     * @param name   the log's name, shown as the {@code log} detail
     * @param nodeId this node's id in the log's Raft group, shown as the {@code nodeId} detail; {@code null} if
     *               unknown (not shown)
     * @param status reads the log's current status; called once per health check
     */
    public TimevaultLogHealthIndicator(String name, Long nodeId, Supplier<LogStorageStatus> status) {
        super("Timevault Raft log health check failed");
        this.name = Objects.requireNonNull(name, "name");
        this.nodeId = nodeId;
        this.status = Objects.requireNonNull(status, "status");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        LogStorageStatus current = status.get();
        RecoveryOutcome recovery = current.recovery();
        builder.withDetail("log", name);
        if (nodeId != null) {
            builder.withDetail("nodeId", nodeId);
        }
        builder.withDetail("partitionId", current.partitionId().toString())
                .withDetail("directory", current.directory().toAbsolutePath().toString())
                .withDetail("recovery", recovery.kind().name());
        if (!recovery.details().isEmpty()) {
            builder.withDetail("recoveryDetails", recovery.details());
        }
        builder.withDetail("lastLogId", display(current.lastLogId()))
                .withDetail("lastPurgedLogId", display(current.lastPurgedLogId()))
                .withDetail("vote", display(current.vote()))
                .withDetail("writer", (current.writerState() != null) ? current.writerState().name() : NOT_OPEN);
        current.failure().ifPresent(cause -> builder.withDetail("failure", describe(cause)));
        if (recovery.kind() == RecoveryOutcome.Kind.FAILED || current.writerState() == WriterState.FAILED) {
            builder.down();
        } else if (current.writerState() == WriterState.CLOSED) {
            builder.outOfService();
        } else if (current.writerState() == null) {
            builder.unknown();
        } else {
            builder.up();
        }
    }

    private static String display(LogId id) {
        return (id != null) ? id.toString() : NONE;
    }

    private static String display(Vote vote) {
        return (vote != null) ? vote.toString() : NONE;
    }

    private static String describe(Throwable cause) {
        return cause.getClass().getName() + ": " + cause.getMessage();
    }
}
