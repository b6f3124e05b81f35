package io.timevault.raft;

import io.timevault.store.Partition;
import io.timevault.store.RecoveryReport;
import io.timevault.store.TimevaultException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a partition's Raft state to a consistent point when the adapter opens it, and reads that state.
 *
 * <p>Invariant: the partition's purge point equals the index in {@value RaftSideFiles#PURGE_FILE} (or both are
 * absent). Purge writes the file first, so after a crash the file can only be ahead; then the purge is run again
 * with the persisted id (the seed's rule, which timevault-rs documents but does not implement, spec §7 item 29).
 * A partition purged further than the file says, or purged without the file, lost log ids nobody can restore:
 * that is a {@link LogRecoveryException}, as are side files or a last record that do not decode.
 *
 * <p>The last log id is decoded from the partition's last record; with no record it is the last purged id.
 */
final class LogRecovery {

    private static final Logger log = LoggerFactory.getLogger(LogRecovery.class);

    /** The recovered state and how it was reached. */
    record Recovered(DurableState state, RecoveryOutcome outcome) {
    }

    private final Partition partition;
    private final RecordDecoder<?> decoder;
    private final List<String> details = new ArrayList<>();
    private final RecoveryReport storeReport;
    private RecoveryOutcome.Kind kind;

    private LogRecovery(Partition partition, RecordDecoder<?> decoder) {
        this.partition = partition;
        this.decoder = decoder;
        this.storeReport = partition.recoveryReport();
        this.kind = storeReport.clean() ? RecoveryOutcome.Kind.CLEAN : RecoveryOutcome.Kind.TAIL_REPAIRED;
        storeReport.repairs().forEach(repair -> details.add("store: " + repair));
    }

    /**
     * Recovers the log in {@code partition}. On a read-only partition ({@link LogInspector}) it writes and logs
     * nothing: a lagging purge point is reported as {@code RE_PURGED} "pending" instead of being purged again, and
     * entries the pending purge would remove do not count as the last entry.
     */
    static Recovered recover(Partition partition, RecordDecoder<?> decoder) {
        return new LogRecovery(partition, decoder).run();
    }

    private Recovered run() {
        Vote vote = readSideFile(ErrorSubject.VOTE, () -> RaftSideFiles.readVote(partition.directory())).orElse(null);
        LogId purged = readSideFile(ErrorSubject.STORE, () -> RaftSideFiles.readPurge(partition.directory())).orElse(null);
        reconcilePurge(purged);
        LogId lastPresent = lastPresent(purged);
        RecoveryOutcome outcome = new RecoveryOutcome(kind, details, storeReport);
        if (kind != RecoveryOutcome.Kind.CLEAN && !partition.readOnly()) {
            log.warn("raft log of partition {} recovered: {} {}", partition.id(), kind, details);
        }
        return new Recovered(new DurableState(lastPresent, purged, vote), outcome);
    }

    private void reconcilePurge(LogId purged) {
        OptionalLong partitionPurge = partition.lastPurgeId();
        if (purged == null) {
            if (partitionPurge.isPresent()) {
                throw fail(ErrorSubject.STORE, "partition is purged up to index "
                        + Long.toUnsignedString(partitionPurge.getAsLong()) + " but " + RaftSideFiles.PURGE_FILE
                        + " is missing: the last purged log id is lost", null);
            }
            return;
        }
        if (partitionPurge.isPresent() && partitionPurge.getAsLong() == purged.index()) {
            return;
        }
        if (partitionPurge.isPresent() && Long.compareUnsigned(partitionPurge.getAsLong(), purged.index()) > 0) {
            throw fail(ErrorSubject.STORE, "partition is purged up to index "
                    + Long.toUnsignedString(partitionPurge.getAsLong()) + ", beyond " + RaftSideFiles.PURGE_FILE
                    + " (" + purged + "): the log ids in between are lost", null);
        }
        String was = partitionPurge.isPresent() ? Long.toUnsignedString(partitionPurge.getAsLong()) : "none";
        if (partition.readOnly()) {
            kind = RecoveryOutcome.Kind.RE_PURGED;
            details.add(RaftSideFiles.PURGE_FILE + " says " + purged + " but the partition purge point is " + was
                    + ": pending, the next open purges again");
            return;
        }
        try {
            partition.purge(purged.index());
        } catch (TimevaultException e) {
            throw fail(ErrorSubject.STORE, "purging again up to " + purged + " failed: " + e.getMessage(), e);
        }
        kind = RecoveryOutcome.Kind.RE_PURGED;
        details.add(RaftSideFiles.PURGE_FILE + " says " + purged + " but the partition purge point was " + was
                + ": purged again");
    }

    private LogId lastPresent(LogId purged) {
        Optional<io.timevault.store.StoredRecord> last;
        try {
            last = partition.lastRecord();
        } catch (TimevaultException e) {
            throw fail(ErrorSubject.LOGS, "reading the last record failed: " + e.getMessage(), e);
        }
        if (last.isEmpty()) {
            return null;
        }
        LogId id;
        try {
            id = decoder.decode(last.get()).logId();
        } catch (StorageException e) { // its message already names the partition and the index
            throw failed(e.subject(), e.getMessage(), e);
        }
        if (purged != null && Long.compareUnsigned(id.index(), purged.index()) <= 0) {
            if (partition.readOnly() && kind == RecoveryOutcome.Kind.RE_PURGED) {
                return null; // the pending purge removes it
            }
            throw fail(ErrorSubject.LOGS, "last entry " + id + " is at or below the last purged id " + purged, null);
        }
        return id;
    }

    private <T> Optional<T> readSideFile(ErrorSubject subject, java.util.function.Supplier<Optional<T>> reader) {
        try {
            return reader.get();
        } catch (RaftRecordException | TimevaultException e) {
            throw fail(subject, e.getMessage(), e);
        }
    }

    private LogRecoveryException fail(ErrorSubject subject, String what, Throwable cause) {
        return failed(subject, "partition " + partition.id() + " (" + partition.directory() + "): " + what, cause);
    }

    private LogRecoveryException failed(ErrorSubject subject, String detail, Throwable cause) {
        details.add(detail);
        RecoveryOutcome outcome = new RecoveryOutcome(RecoveryOutcome.Kind.FAILED, details, storeReport);
        if (!partition.readOnly()) {
            log.error("raft log recovery failed: {}", detail);
        }
        return new LogRecoveryException(subject, detail, cause, outcome);
    }
}
