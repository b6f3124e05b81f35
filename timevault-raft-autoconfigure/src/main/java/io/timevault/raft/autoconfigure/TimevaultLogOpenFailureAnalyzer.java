package io.timevault.raft.autoconfigure;

import io.timevault.raft.LogRecoveryException;
import io.timevault.raft.RaftLogMissingException;
import io.timevault.store.CorruptFileException;
import io.timevault.store.MissingFileException;
import io.timevault.store.StorageIOException;
import java.nio.file.Path;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link TimevaultLogOpenException} — a configured log whose files are gone, damaged or inconsistent —
 * as one page: the log, the file and offset, what the engine rebuilds by itself and what it cannot, and how to
 * restore the log from a backup or from a peer; instead of a long stack trace.
 */
class TimevaultLogOpenFailureAnalyzer extends AbstractFailureAnalyzer<TimevaultLogOpenException> {

    static final String REBUILT = "Rebuilt automatically when a log opens: a torn tail of the last chunk, missing or "
            + "damaged .index files, interrupted purges and rolls. Never rebuilt: records in the middle of a "
            + "chunk, manifest.jsonl, metadata.json, raft_vote.json, raft_purge.json.";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TimevaultLogOpenException cause) {
        String header = "Raft log '%s' could not be opened.%n%n    Log: %s%n    Partition: %s%n    Directory: %s%n"
                .formatted(cause.logName(), cause.logName(), cause.partitionId(), cause.directory());
        Throwable problem = cause.getCause();
        if (problem instanceof RaftLogMissingException missing) {
            return new FailureAnalysis(header + ("    Registry: %s (lists it as '%s')%n    Problem: the log existed in "
                    + "this store but its partition is gone. Starting it empty would bring this node back with no "
                    + "log and no vote: it could vote twice in one term and lose entries it acknowledged.")
                    .formatted(missing.registryFile(), missing.registeredAs()), missingAction(cause), cause);
        }
        CorruptFileException corrupt = find(problem, CorruptFileException.class);
        MissingFileException absent = find(problem, MissingFileException.class);
        StorageIOException io = find(problem, StorageIOException.class);
        StringBuilder description = new StringBuilder(header);
        String action;
        if (corrupt != null) {
            description.append("    File: ").append(corrupt.file()).append("%n".formatted());
            description.append("    Offset: ").append(corrupt.offset() >= 0 ? corrupt.offset() : "whole file")
                    .append("%n".formatted());
            action = isIndex(corrupt.file())
                    ? "The index is derived data: delete " + corrupt.file() + " and start again; it is rebuilt from its "
                            + "chunk. " + REBUILT
                    : restoreAction(cause);
        } else if (absent != null) {
            description.append("    File: ").append(absent.file()).append(" (missing)%n".formatted());
            action = restoreAction(cause);
        } else if (io != null) {
            description.append("    File: ").append(io.file()).append("%n".formatted());
            action = "The operating system refused an operation on " + io.file() + ": check its permissions, the "
                    + "free space and the mount of " + cause.directory() + ", then start again.";
        } else {
            action = restoreAction(cause);
        }
        description.append("    Problem: ").append(problem.getMessage());
        if (problem instanceof LogRecoveryException recovery && !recovery.outcome().details().isEmpty()) {
            description.append("%n    Recovery findings:".formatted());
            recovery.outcome().details().forEach(line -> description.append("%n      - ".formatted()).append(line));
        }
        return new FailureAnalysis(description.toString(), action, cause);
    }

    private static String missingAction(TimevaultLogOpenException cause) {
        String ifMissing = TimevaultRaftProperties.logProperty(cause.logName(), "if-missing");
        return """
                Do one of:
                  1. If the store is elsewhere (moved, or the application runs from another working directory with \
                a relative root), set '%s.root' to it.
                  2. Restore %s from a backup of this node, then start again.
                  3. Re-create the log empty and let the cluster refill it: remove this node from its Raft group \
                (or make sure no other node counts on its vote), start it once with '%s=create', remove that \
                property again, and add the node back; the leader sends it the log or a snapshot.
                To start the application's other logs meanwhile, set '%s.fail-on-recovery-error=false': this log's \
                health is then DOWN and it has no storage bean."""
                .formatted(TimevaultRaftProperties.PREFIX, cause.directory(), ifMissing, TimevaultRaftProperties.PREFIX);
    }

    private static String restoreAction(TimevaultLogOpenException cause) {
        return """
                %s
                Do one of:
                  1. Restore %s from a backup of this node, then start again.
                  2. Restore the log from a peer: remove this node from its Raft group, move %s aside, start once \
                with '%s=create', and add the node back; the leader sends it the log or a snapshot.
                To start the application's other logs meanwhile, set '%s.fail-on-recovery-error=false': this log's \
                health is then DOWN and it has no storage bean."""
                .formatted(REBUILT, cause.directory(), cause.directory(),
                        TimevaultRaftProperties.logProperty(cause.logName(), "if-missing"),
                        TimevaultRaftProperties.PREFIX);
    }

    private static boolean isIndex(Path file) {
        return file != null && file.getFileName().toString().endsWith(".index");
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
