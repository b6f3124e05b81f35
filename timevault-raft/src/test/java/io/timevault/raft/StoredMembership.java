package io.timevault.raft;

/**
 * A membership and the id of the entry that carried it (OpenRaft's {@code StoredMembership}).
 *
 * @param logId      the membership entry's id
 * @param membership the membership
 */
public record StoredMembership(LogId logId, Membership membership) {
}
