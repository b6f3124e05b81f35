package io.timevault.raft;

import io.timevault.store.RecoveryReport;
import java.util.List;
import java.util.Objects;

/**
 * What opening a {@link TimevaultLogStorage} found: the store's own repairs and the Raft layer's purge recovery.
 *
 * @param kind        the most significant thing that happened
 * @param details     human-readable lines, one per finding, in the order they were made; empty when clean
 * @param storeReport what the partition's own recovery repaired (torn tails, indexes, unfinished purges)
 */
public record RecoveryOutcome(Kind kind, List<String> details, RecoveryReport storeReport) {

    public RecoveryOutcome {
        Objects.requireNonNull(kind, "kind");
        details = List.copyOf(details);
        Objects.requireNonNull(storeReport, "storeReport");
    }

    /** What recovery did, most significant first when several apply: FAILED, RE_PURGED, TAIL_REPAIRED, CLEAN. */
    public enum Kind {
        /** Nothing to repair. */
        CLEAN,
        /** The partition repaired unsynced leftovers on open (see {@link RecoveryOutcome#storeReport()}). */
        TAIL_REPAIRED,
        /** {@code raft_purge.json} was ahead of the partition's purge point, so the purge was run again. */
        RE_PURGED,
        /** The log is inconsistent and was not opened (see {@link LogRecoveryException}). */
        FAILED
    }
}
