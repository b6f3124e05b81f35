package io.timevault.raft;

/**
 * The log pointers and vote as they are on disk, published by the writer thread after each successful durable
 * write (memory after disk) and read by any thread through a volatile field.
 *
 * @param lastPresent the id of the last entry in the partition, {@code null} if it holds none
 * @param lastPurged  the last purged id, {@code null} if nothing was purged
 * @param vote        the saved vote, {@code null} if none
 */
record DurableState(LogId lastPresent, LogId lastPurged, Vote vote) {

    /** OpenRaft's last log id: the last entry, else the last purged id. */
    LogId lastLogId() {
        return lastPresent != null ? lastPresent : lastPurged;
    }

    LogState logState() {
        return new LogState(lastPurged, lastLogId());
    }

    DurableState withLastPresent(LogId value) {
        return new DurableState(value, lastPurged, vote);
    }

    DurableState withPurge(LogId purged, LogId remainingLast) {
        return new DurableState(remainingLast, purged, vote);
    }

    DurableState withVote(Vote value) {
        return new DurableState(lastPresent, lastPurged, value);
    }
}
