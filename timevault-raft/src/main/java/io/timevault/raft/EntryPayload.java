package io.timevault.raft;

import java.util.Objects;

/**
 * What a log entry carries (OpenRaft's {@code EntryPayload}): nothing (a new leader's blank entry), application
 * data, or a membership change.
 *
 * @param <D> the application data type
 */
public sealed interface EntryPayload<D> permits EntryPayload.Blank, EntryPayload.Normal, EntryPayload.MembershipChange {

    /** The blank payload a newly elected leader appends. */
    static <D> EntryPayload<D> blank() {
        return new Blank<>();
    }

    /** An application-data payload. */
    static <D> EntryPayload<D> normal(D data) {
        return new Normal<>(data);
    }

    /** A membership-change payload. */
    static <D> EntryPayload<D> membership(Membership membership) {
        return new MembershipChange<>(membership);
    }

    /** No data (OpenRaft's {@code EntryPayload::Blank}). All blank payloads are equal. */
    record Blank<D>() implements EntryPayload<D> {
    }

    /**
     * Application data (OpenRaft's {@code EntryPayload::Normal}).
     *
     * @param data the application's command, never {@code null}
     */
    record Normal<D>(D data) implements EntryPayload<D> {
        public Normal {
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * A membership change (OpenRaft's {@code EntryPayload::Membership}).
     *
     * @param membership the new membership
     */
    record MembershipChange<D>(Membership membership) implements EntryPayload<D> {
        public MembershipChange {
            Objects.requireNonNull(membership, "membership");
        }
    }
}
