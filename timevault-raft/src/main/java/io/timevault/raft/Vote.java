package io.timevault.raft;

import java.util.Objects;

/**
 * A node's vote: the leader it granted (or, when committed, the leader elected by a quorum).
 *
 * <p>Ordering is OpenRaft's: by leader id, then uncommitted before committed. A node grants a vote only if the
 * new vote is {@code >=} its current one.
 *
 * @param leaderId  the leader voted for
 * @param committed whether a quorum granted this vote
 */
public record Vote(LeaderId leaderId, boolean committed) implements Comparable<Vote> {

    public Vote {
        Objects.requireNonNull(leaderId, "leaderId");
    }

    /** An uncommitted vote for {@code nodeId} in {@code term} (OpenRaft's {@code Vote::new}). */
    public static Vote of(long term, long nodeId) {
        return new Vote(new LeaderId(term, nodeId), false);
    }

    /** A committed vote (OpenRaft's {@code Vote::new_committed}). */
    public static Vote committed(long term, long nodeId) {
        return new Vote(new LeaderId(term, nodeId), true);
    }

    @Override
    public int compareTo(Vote other) {
        int byLeader = leaderId.compareTo(other.leaderId);
        return byLeader != 0 ? byLeader : Boolean.compare(committed, other.committed);
    }

    /** OpenRaft's display form, e.g. {@code T1-N2:uncommitted}. */
    @Override
    public String toString() {
        return leaderId + (committed ? ":committed" : ":uncommitted");
    }
}
