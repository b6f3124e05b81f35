package io.timevault.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Contract points OpenRaft's suite does not cover (spec openraft-storage-contract §3.6) that hold for every
 * implementation: readability on return, readers obtained earlier, votes, committed ids, payload round trips.
 *
 * @param <D> the application data type
 */
public interface ContractExtraTests<D> extends LogStorageFixture<D> {

    @Test
    default void appendedEntriesAreReadableWhenAppendReturnsAndTheCallbackFollowsOnce() throws Exception {
        List<IOException> outcomes = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> called = new CompletableFuture<>();
        storage().append(List.of(blank(1, 1), blank(1, 2)), error -> {
            outcomes.add(error);
            called.complete(null);
        });
        assertThat(storage().getLogEntries(1, 3)).extracting(Entry::logId).containsExactly(id(1, 1), id(1, 2));
        called.get(CALLBACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(outcomes).containsExactly((IOException) null);
    }

    @Test
    default void readerObtainedEarlierSeesLaterAppends() {
        RaftLogReader<D> reader = storage().getLogReader();
        assertThat(reader.tryGetLogEntries(0, 10)).isEmpty();
        append(blank(1, 1), blank(1, 2));
        assertThat(reader.getLogEntries(1, 3)).extracting(Entry::logId).containsExactly(id(1, 1), id(1, 2));
    }

    @Test
    default void readerObtainedEarlierNoLongerSeesTruncatedEntries() {
        feed10LogsVoteSelf();
        RaftLogReader<D> reader = storage().getLogReader();
        assertThat(reader.tryGetLogEntries(0, 100)).hasSize(11);
        storage().truncate(id(1, 4));
        assertThat(indexes(reader.tryGetLogEntries(0, 100))).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    default void freshStorageHasNoVote() {
        assertThat(storage().readVote()).isEmpty();
    }

    @Test
    default void committedVoteRoundTripsAndALaterVoteReplacesIt() {
        storage().saveVote(Vote.committed(3, 2));
        assertThat(storage().readVote()).contains(Vote.committed(3, 2));
        storage().saveVote(Vote.of(4, 1));
        assertThat(storage().readVote()).contains(Vote.of(4, 1));
    }

    @Test
    default void readCommittedReturnsWhatWasSavedOrNothing() {
        storage().saveCommitted(id(1, 4));
        assertThat(storage().readCommitted()).isIn(java.util.Optional.empty(), java.util.Optional.of(id(1, 4)));
        storage().saveCommitted(null);
        assertThat(storage().readCommitted()).isEmpty();
    }

    @Test
    default void normalEntryRoundTrips() {
        D data = sampleData(1);
        assumeThat(data).as("sampleData").isNotNull();
        append(Entry.normal(id(1, 1), data), Entry.normal(id(1, 2), sampleData(2)));
        assertThat(storage().getLogEntries(1, 3))
                .containsExactly(Entry.normal(id(1, 1), data), Entry.normal(id(1, 2), sampleData(2)));
    }

    @Test
    default void jointMembershipWithLearnersRoundTrips() {
        Membership membership = Membership.of(List.of(Set.of(1L, 2L, 3L), Set.of(3L, 4L, 5L)),
                Map.of(9L, new Node("127.0.0.1:9"), 1L, new Node("10.0.0.1:21001"), 10L, new Node("x")));
        append(Entry.membership(id(2, 7), membership));
        Entry<D> read = storage().getLogEntries(7, 8).get(0);
        assertThat(read.membership()).contains(membership);
        assertThat(read.membership().get().learnerIds()).containsExactly(9L, 10L);
    }

    @Test
    default void blankEntryRoundTripsWithItsLeaderNode() {
        append(Entry.blank(LogId.of(5, 42, 3)));
        assertThat(storage().getLogEntries(3, 4)).containsExactly(Entry.blank(LogId.of(5, 42, 3)));
    }

    @Test
    default void voteAndAppendsTakeEffectInCallOrder() {
        storage().saveVote(Vote.of(1, 0));
        append(blank(1, 1));
        storage().saveVote(Vote.committed(1, 0));
        append(blank(1, 2));
        assertThat(storage().readVote()).contains(Vote.committed(1, 0));
        assertThat(storage().getLogState().lastLogId()).isEqualTo(id(1, 2));
    }
}
