package io.timevault.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The log-storage tests of OpenRaft 0.9.21's conformance suite ({@code openraft/src/testing/suite.rs}; spec
 * openraft-storage-contract §3.3): the 13 L tests, the 2 LH tests and the 2 LD tests, whose state-machine calls
 * are distractors and are left out here. Each method names the suite test it ports.
 *
 * @param <D> the application data type
 */
public interface OpenRaftLogTests<D> extends LogStorageFixture<D> {

    /** {@code last_membership_in_log_initial}. */
    @Test
    default void lastMembershipInLogOfFreshLogIsEmpty() {
        assertThat(StorageHelper.lastMembershipInLog(storage(), 0)).isEmpty();
    }

    /** {@code last_membership_in_log}. */
    @Test
    default void lastMembershipInLogReturnsTheLastTwoMembershipsFromSinceIndex() {
        assertThat(StorageHelper.lastMembershipInLog(storage(), 0)).isEmpty();

        append(mem(1, 1, 1, 2, 3));
        assertThat(memberships(0)).containsExactly(voters(1, 2, 3));
        assertThat(memberships(1)).containsExactly(voters(1, 2, 3));
        assertThat(memberships(2)).isEmpty();

        append(blank(1, 2), mem(1, 3, 7, 8, 9), blank(1, 4));
        assertThat(memberships(0)).containsExactly(voters(1, 2, 3), voters(7, 8, 9));
        assertThat(memberships(4)).isEmpty();

        append(mem(1, 5, 10, 11));
        assertThat(memberships(0)).containsExactly(voters(7, 8, 9), voters(10, 11));
    }

    /** {@code last_membership_in_log_multi_step}: the backward scan crosses a 64-entry chunk boundary. */
    @Test
    default void lastMembershipInLogScansBackwardsAcrossChunks() {
        append(mem(1, 1, 1, 2, 3), mem(1, 2, 3, 4, 5));
        for (long i = 3; i <= 99; i++) {
            append(blank(1, i));
        }
        append(mem(1, 100, 5, 6, 7));
        assertThat(memberships(0)).containsExactly(voters(3, 4, 5), voters(5, 6, 7));
    }

    private List<Membership> memberships(long since) {
        return StorageHelper.lastMembershipInLog(storage(), since).stream().map(StoredMembership::membership).toList();
    }

    /** {@code save_vote}. */
    @Test
    default void savedVoteIsReadBack() {
        storage().saveVote(Vote.of(100, 0));
        assertThat(storage().readVote()).contains(Vote.of(100, 0));
    }

    /** {@code get_log_entries}. */
    @Test
    default void getLogEntriesReturnsExactlyTheHalfOpenRange() {
        feed10LogsVoteSelf();
        assertThat(storage().getLogEntries(3, 3)).isEmpty();
        assertThat(storage().getLogEntries(5, 7)).extracting(Entry::logId).containsExactly(id(1, 5), id(1, 6));
    }

    /** {@code limited_get_log_entries}. */
    @Test
    default void limitedGetLogEntriesReturnsANonEmptyPrefixOfTheRange() {
        feed10LogsVoteSelf();
        assertThat(storage().limitedGetLogEntries(3, 3)).isEmpty();
        List<Entry<D>> entries = storage().limitedGetLogEntries(5, 7);
        assertThat(entries).isNotEmpty().hasSizeLessThanOrEqualTo(2);
        assertThat(entries.get(0).logId()).isEqualTo(id(1, 5));
    }

    /** {@code try_get_log_entry}. */
    @Test
    default void tryGetLogEntryFindsOnlyPresentEntries() {
        feed10LogsVoteSelf();
        storage().purge(id(0, 0));
        waitForPurge();
        assertThat(storage().tryGetLogEntry(3)).map(Entry::logId).contains(id(1, 3));
        assertThat(storage().tryGetLogEntry(0)).isEmpty();
        assertThat(storage().tryGetLogEntry(11)).isEmpty();
    }

    /** {@code initial_logs}. */
    @Test
    default void freshLogHasNoEntryAtIndexZero() {
        assertThat(storage().tryGetLogEntry(0)).isEmpty();
    }

    /** {@code get_log_state}: the purged id is visible as soon as purge returns, also past the last entry. */
    @Test
    default void getLogStateFollowsAppendsAndPurges() {
        assertThat(storage().getLogState()).isEqualTo(new LogState(null, null));
        append(blank(0, 0), blank(1, 1), blank(1, 2));
        assertThat(storage().getLogState()).isEqualTo(new LogState(null, id(1, 2)));
        storage().purge(id(0, 0));
        assertThat(storage().getLogState()).isEqualTo(new LogState(id(0, 0), id(1, 2)));
        storage().purge(id(1, 2));
        assertThat(storage().getLogState()).isEqualTo(new LogState(id(1, 2), id(1, 2)));
        storage().purge(id(2, 3));
        waitForPurge();
        assertThat(storage().getLogState()).isEqualTo(new LogState(id(2, 3), id(2, 3)));
    }

    /** {@code get_log_id}: never the purged id, not even for exactly the purged index. */
    @Test
    default void getLogIdFailsForPurgedAndMissingIndexes() {
        feed10LogsVoteSelf();
        storage().purge(id(1, 3));
        waitForPurge();
        assertThatExceptionOfType(StorageException.class).isThrownBy(() -> storage().getLogId(0));
        assertThatExceptionOfType(StorageException.class).isThrownBy(() -> storage().getLogId(3));
        assertThat(storage().getLogId(4)).isEqualTo(id(1, 4));
        assertThat(storage().getLogId(10)).isEqualTo(id(1, 10));
        assertThatExceptionOfType(StorageException.class).isThrownBy(() -> storage().getLogId(11));
    }

    /** {@code last_id_in_log} (its state-machine apply is a distractor and left out). */
    @Test
    default void lastLogIdIsTheLastEntryElseTheLastPurgedId() {
        assertThat(storage().getLogState().lastLogId()).isNull();
        append(blank(0, 0), blank(1, 1), blank(1, 2));
        assertThat(storage().getLogState().lastLogId()).isEqualTo(id(1, 2));
        storage().purge(id(1, 2));
        waitForPurge();
        assertThat(storage().getLogState().lastLogId()).isEqualTo(id(1, 2));
    }

    /** {@code purge_logs_upto_0}. */
    @Test
    default void purgeUpToZeroRemovesOnlyIndexZero() {
        feed10LogsVoteSelf();
        storage().purge(id(0, 0));
        waitForPurge();
        List<Entry<D>> entries = storage().tryGetLogEntries(0, 100);
        assertThat(entries).hasSize(10);
        assertThat(entries.get(0).index()).isEqualTo(1);
        assertThat(storage().getLogState()).isEqualTo(new LogState(id(0, 0), id(1, 10)));
    }

    /** {@code purge_logs_upto_5}. */
    @Test
    default void purgeUpToFiveKeepsSixToTen() {
        feed10LogsVoteSelf();
        storage().purge(id(1, 5));
        waitForPurge();
        List<Entry<D>> entries = storage().tryGetLogEntries(0, 100);
        assertThat(entries).hasSize(5);
        assertThat(entries.get(0).index()).isEqualTo(6);
        assertThat(storage().getLogState()).isEqualTo(new LogState(id(1, 5), id(1, 10)));
    }

    /** {@code purge_logs_upto_20}. */
    @Test
    default void purgePastTheLastEntryEmptiesTheLog() {
        feed10LogsVoteSelf();
        storage().purge(id(1, 20));
        waitForPurge();
        assertThat(storage().tryGetLogEntries(0, 100)).isEmpty();
        assertThat(storage().getLogState()).isEqualTo(new LogState(id(1, 20), id(1, 20)));
    }

    /** {@code delete_logs_since_11}. */
    @Test
    default void truncatePastTheLastEntryChangesNothing() {
        feed10LogsVoteSelf();
        storage().truncate(id(1, 11));
        assertThat(storage().tryGetLogEntries(0, 100)).hasSize(11);
        assertThat(storage().getLogState()).isEqualTo(new LogState(null, id(1, 10)));
    }

    /** {@code delete_logs_since_0}. */
    @Test
    default void truncateSinceZeroEmptiesTheLog() {
        feed10LogsVoteSelf();
        storage().truncate(id(0, 0));
        assertThat(storage().tryGetLogEntries(0, 100)).isEmpty();
        assertThat(storage().getLogState()).isEqualTo(new LogState(null, null));
    }

    /** {@code append_to_log}. */
    @Test
    default void appendAfterPurgeContinuesTheLog() {
        feed10LogsVoteSelf();
        storage().purge(id(0, 0));
        waitForPurge();
        append(blank(2, 11));
        List<Entry<D>> entries = storage().tryGetLogEntries(0, RaftLogReader.UNBOUNDED);
        assertThat(entries).hasSize(11);
        assertThat(entries.get(entries.size() - 1).logId()).isEqualTo(id(2, 11));
    }
}
