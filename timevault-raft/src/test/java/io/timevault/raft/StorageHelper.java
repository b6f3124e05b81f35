package io.timevault.raft;

import java.util.ArrayList;
import java.util.List;

/**
 * Ports of the parts of OpenRaft 0.9.21's {@code StorageHelper} that the log-only conformance tests go through
 * (spec openraft-storage-contract §1.10).
 */
public final class StorageHelper {

    /** OpenRaft scans the log backwards in chunks of this many entries. */
    static final int SCAN_CHUNK = 64;

    private StorageHelper() {
    }

    /**
     * The last two membership entries (fewer if there are fewer) with index {@code >= sinceIndex}, oldest first,
     * found by scanning the log backwards in chunks of 64 from the last log id, never below the purge point.
     * Reads the storage itself, as OpenRaft does, never a state machine.
     */
    public static <D> List<StoredMembership> lastMembershipInLog(RaftLogStorage<D> storage, long sinceIndex) {
        LogState state = storage.getLogState();
        long end = LogId.nextIndex(state.lastLogId());
        long start = Math.max(LogId.nextIndex(state.lastPurgedLogId()), sinceIndex);
        List<StoredMembership> found = new ArrayList<>(2);
        while (start < end) {
            long stepStart = Math.max(start, end - SCAN_CHUNK);
            List<Entry<D>> entries = storage.tryGetLogEntries(stepStart, end);
            for (int i = entries.size() - 1; i >= 0; i--) {
                Entry<D> entry = entries.get(i);
                if (entry.membership().isPresent()) {
                    found.add(0, new StoredMembership(entry.logId(), entry.membership().get()));
                    if (found.size() == 2) {
                        return found;
                    }
                }
            }
            end = stepStart;
        }
        return found;
    }
}
