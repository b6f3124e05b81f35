package io.timevault.raft;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks the writer makes before it writes anything, so that a call that would break the log is rejected
 * (defensively, without failing the storage) instead of half-applied.
 */
final class AppendRules {

    private static final Logger log = LoggerFactory.getLogger(AppendRules.class);

    private AppendRules() {
    }

    /**
     * Position of the first id above the purge point. Entries at or below it are ignored rather than refused:
     * OpenRaft's suite appends below the purge point once (§3.5) and never reads such entries back.
     */
    static int firstUnpurged(List<LogId> ids, LogId purged, String name) {
        int first = 0;
        while (first < ids.size() && purged != null && Long.compareUnsigned(ids.get(first).index(), purged.index()) <= 0) {
            first++;
        }
        if (first > 0) {
            log.warn("{}: ignoring {} appended entries at or below the last purged id {}", name, first, purged);
        }
        return first;
    }

    /**
     * The no-hole rule: {@code ids[first..]} continue the last entry, or the purge point when the log is empty; a
     * fresh, never purged log may start anywhere. Leader ids must not decrease along the log.
     *
     * @return the rejection, or {@code null} if the entries fit
     */
    static StorageException checkContinues(List<LogId> ids, int first, LogId last, LogId purged, String name) {
        LogId previous = last != null ? last : purged;
        for (int i = first; i < ids.size(); i++) {
            LogId id = ids.get(i);
            if (previous != null && id.index() != previous.index() + 1) {
                return StorageException.defensive(new ErrorSubject.Log(id), ErrorVerb.WRITE, name + ": appending " + id
                        + " would leave a hole or overwrite an entry: the log ends at " + previous);
            }
            if (previous != null && id.leaderId().compareTo(previous.leaderId()) < 0) {
                return StorageException.defensive(new ErrorSubject.Log(id), ErrorVerb.WRITE, name + ": appending " + id
                        + " after " + previous + ": log ids must not decrease");
            }
            previous = id;
        }
        return null;
    }

    /**
     * Purge ids only move forward (OpenRaft's reference store asserts it); the same id again is allowed.
     *
     * @return the rejection, or {@code null} if the purge may run
     */
    static StorageException checkPurge(LogId upTo, LogId current, String name) {
        if (current != null && (upTo.compareTo(current) < 0 || Long.compareUnsigned(upTo.index(), current.index()) < 0)) {
            return StorageException.defensive(new ErrorSubject.Log(upTo), ErrorVerb.DELETE,
                    name + ": purge up to " + upTo + " is below the last purged id " + current);
        }
        return null;
    }
}
