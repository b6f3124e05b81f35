package io.timevault.raft;

/**
 * Opening a {@link TimevaultLogStorage} found a state it cannot repair (an undecodable vote, purge file or last
 * record; a partition purged further than {@code raft_purge.json} says). Carries the recovery outcome, kind
 * {@link RecoveryOutcome.Kind#FAILED}, for a health report.
 */
public final class LogRecoveryException extends StorageException {

    private static final long serialVersionUID = 1L;

    private final transient RecoveryOutcome outcome;

    LogRecoveryException(ErrorSubject subject, String detail, Throwable cause, RecoveryOutcome outcome) {
        super(subject, ErrorVerb.READ, detail, cause, !(cause instanceof io.timevault.store.StorageIOException));
        this.outcome = outcome;
    }

    /** The failed recovery, with the store's report and every finding up to the failure. */
    public RecoveryOutcome outcome() {
        return outcome;
    }
}
