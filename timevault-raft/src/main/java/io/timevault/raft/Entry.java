package io.timevault.raft;

import java.util.Objects;
import java.util.Optional;

/**
 * One Raft log entry: its id and its payload (OpenRaft's {@code Entry<C>}). Equal when id and payload are equal.
 *
 * @param logId   where the entry sits in the log and which leader proposed it
 * @param payload what it carries
 * @param <D>     the application data type
 */
public record Entry<D>(LogId logId, EntryPayload<D> payload) {

    public Entry {
        Objects.requireNonNull(logId, "logId");
        Objects.requireNonNull(payload, "payload");
    }

    /** A blank entry (OpenRaft's {@code new_blank}). */
    public static <D> Entry<D> blank(LogId logId) {
        return new Entry<>(logId, EntryPayload.blank());
    }

    /** An entry carrying application data. */
    public static <D> Entry<D> normal(LogId logId, D data) {
        return new Entry<>(logId, EntryPayload.normal(data));
    }

    /** A membership entry (OpenRaft's {@code new_membership}). */
    public static <D> Entry<D> membership(LogId logId, Membership membership) {
        return new Entry<>(logId, EntryPayload.membership(membership));
    }

    /** The entry's index, unsigned. */
    public long index() {
        return logId.index();
    }

    /** The membership this entry carries, if it is a membership entry. */
    public Optional<Membership> membership() {
        return payload instanceof EntryPayload.MembershipChange<D> m
                ? Optional.of(m.membership()) : Optional.empty();
    }

    @Override
    public String toString() {
        String what = payload instanceof EntryPayload.MembershipChange<D> m ? "membership:" + m.membership().configs()
                : payload instanceof EntryPayload.Normal<D> ? "normal" : "blank";
        return logId + ":" + what;
    }
}
