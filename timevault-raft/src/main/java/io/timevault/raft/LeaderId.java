package io.timevault.raft;

/**
 * The leader that created a log entry or that a vote is for: OpenRaft 0.9's default ("advanced") leader id,
 * which is also its committed leader id. Several leaders may be granted in one term, so both parts matter.
 *
 * <p>Terms and node ids are unsigned 64-bit values held in {@code long}; ordering is lexicographic by term, then
 * node id, both compared unsigned, exactly as OpenRaft derives {@code Ord}.
 *
 * @param term   the term, unsigned
 * @param nodeId the id of the leader's node, unsigned
 */
public record LeaderId(long term, long nodeId) implements Comparable<LeaderId> {

    @Override
    public int compareTo(LeaderId other) {
        int byTerm = Long.compareUnsigned(term, other.term);
        return byTerm != 0 ? byTerm : Long.compareUnsigned(nodeId, other.nodeId);
    }

    /** OpenRaft's display form, {@code T<term>-N<node>}. */
    @Override
    public String toString() {
        return "T" + Long.toUnsignedString(term) + "-N" + Long.toUnsignedString(nodeId);
    }
}
