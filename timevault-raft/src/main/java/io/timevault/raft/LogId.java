package io.timevault.raft;

import java.util.Comparator;
import java.util.Objects;

/**
 * The id of a log entry: the leader that proposed it and its index.
 *
 * <p>Ordering is OpenRaft's derived order: first the leader id, then the index (unsigned) — not index first, so
 * {@code (term 3, index 1) > (term 1, index 2)}. Where OpenRaft compares {@code Option<LogId>}, absent ids
 * ({@code null} here) sort first: use {@link #NULLS_FIRST}.
 *
 * @param leaderId the leader that proposed the entry
 * @param index    the log index, unsigned
 */
public record LogId(LeaderId leaderId, long index) implements Comparable<LogId> {

    /** Orders nullable log ids as OpenRaft orders {@code Option<LogId>}: {@code None} before every id. */
    public static final Comparator<LogId> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    public LogId {
        Objects.requireNonNull(leaderId, "leaderId");
    }

    /** Shorthand for {@code new LogId(new LeaderId(term, nodeId), index)}. */
    public static LogId of(long term, long nodeId, long index) {
        return new LogId(new LeaderId(term, nodeId), index);
    }

    /**
     * The index after {@code id}: 0 for {@code null} (nothing), else {@code id.index() + 1} (OpenRaft's
     * {@code next_index()} on {@code Option<LogId>}).
     */
    public static long nextIndex(LogId id) {
        return id == null ? 0 : id.index + 1;
    }

    @Override
    public int compareTo(LogId other) {
        int byLeader = leaderId.compareTo(other.leaderId);
        return byLeader != 0 ? byLeader : Long.compareUnsigned(index, other.index);
    }

    /** OpenRaft's display form, {@code T<term>-N<node>-<index>}. */
    @Override
    public String toString() {
        return leaderId + "-" + Long.toUnsignedString(index);
    }
}
