package io.timevault.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The quirks of OpenRaft's suite that a storage must tolerate (spec openraft-storage-contract §3.5): a first
 * append at any index, an append below the purge point, purges below the first entry and of the same id twice,
 * purge and truncate past the end.
 *
 * @param <D> the application data type
 */
public interface OddCaseTests<D> extends LogStorageFixture<D> {

    /** Tests 14 and 16 start an empty log at index 2. */
    @Test
    default void firstAppendOfAFreshLogMayStartAtAnyIndex() {
        append(blank(1, 2), blank(1, 3));
        assertThat(indexes(storage().tryGetLogEntries(0, 100))).containsExactly(2L, 3L);
        assertThat(storage().getLogState()).isEqualTo(new LogState(null, id(1, 3)));
    }

    @Test
    default void firstAppendMayStartAtALargeIndex() {
        append(blank(7, 1_000_000), blank(7, 1_000_001));
        assertThat(storage().getLogEntries(1_000_000, 1_000_002)).extracting(Entry::logId)
                .containsExactly(id(7, 1_000_000), id(7, 1_000_001));
    }

    /**
     * Test 11 step b: after a purge up to (1,2) of an empty log, index 1 is appended. Reference stores insert it,
     * others may ignore it; neither may fail, and the purged id stays.
     */
    @Test
    default void appendBelowThePurgePointIsAcceptedAndTheLogContinuesAfterIt() {
        storage().purge(id(1, 2));
        append(mem(1, 1, 1, 2, 3));
        assertThat(storage().getLogState().lastPurgedLogId()).isEqualTo(id(1, 2));
        assertThat(storage().getLogState().lastLogId()).isIn(id(1, 1), id(1, 2));

        append(mem(1, 3, 1, 2, 3));
        assertThat(storage().getLogState()).isEqualTo(new LogState(id(1, 2), id(1, 3)));
        assertThat(storage().tryGetLogEntry(3)).map(Entry::logId).contains(id(1, 3));
    }

    /** Test 16: purge (1,1) when the log starts at index 2. */
    @Test
    default void purgeBelowTheFirstEntryKeepsEveryEntry() {
        append(blank(1, 2), blank(1, 3), blank(1, 4), blank(1, 5));
        storage().purge(id(1, 1));
        waitForPurge();
        assertThat(indexes(storage().tryGetLogEntries(0, 100))).containsExactly(2L, 3L, 4L, 5L);
        assertThat(storage().getLogState()).isEqualTo(new LogState(id(1, 1), id(1, 5)));
    }

    /** Test 11 purges (1,2) twice. */
    @Test
    default void purgeOfTheSameIdTwiceIsAccepted() {
        feed10LogsVoteSelf();
        storage().purge(id(1, 2));
        storage().purge(id(1, 2));
        waitForPurge();
        assertThat(storage().getLogState()).isEqualTo(new LogState(id(1, 2), id(1, 10)));
        assertThat(storage().tryGetLogEntries(0, 100)).hasSize(8);
    }

    @Test
    default void purgeBelowTheLastPurgedIdIsRejected() {
        feed10LogsVoteSelf();
        storage().purge(id(1, 5));
        assertThatExceptionOfType(StorageException.class).isThrownBy(() -> storage().purge(id(1, 4)));
        assertThat(storage().getLogState()).isEqualTo(new LogState(id(1, 5), id(1, 10)));
    }

    @Test
    default void purgePastTheEndThenAppendContinuesAfterThePurgedIndex() {
        feed10LogsVoteSelf();
        storage().purge(id(1, 20));
        waitForPurge();
        append(blank(2, 21));
        assertThat(storage().getLogState()).isEqualTo(new LogState(id(1, 20), id(2, 21)));
        assertThat(storage().getLogEntries(21, RaftLogReader.UNBOUNDED)).extracting(Entry::logId).containsExactly(id(2, 21));
    }

    @Test
    default void truncateOfEverythingAfterAPurgeFallsBackToThePurgedId() {
        feed10LogsVoteSelf();
        storage().purge(id(1, 4));
        storage().truncate(id(1, 5));
        assertThat(storage().getLogState()).isEqualTo(new LogState(id(1, 4), id(1, 4)));
        assertThat(storage().tryGetLogEntries(5, 100)).isEmpty();
    }

    @Test
    default void truncateInTheMiddleKeepsTheEntriesBeforeIt() {
        feed10LogsVoteSelf();
        storage().truncate(id(1, 6));
        assertThat(indexes(storage().tryGetLogEntries(0, 100))).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(storage().getLogState()).isEqualTo(new LogState(null, id(1, 5)));
        append(blank(2, 6));
        assertThat(storage().getLogEntries(5, 7)).extracting(Entry::logId).containsExactly(id(1, 5), id(2, 6));
    }

    @Test
    default void emptyAndReversedRangesReturnNothing() {
        feed10LogsVoteSelf();
        assertThat(storage().tryGetLogEntries(5, 5)).isEmpty();
        assertThat(storage().tryGetLogEntries(7, 3)).isEmpty();
        assertThat(storage().tryGetLogEntries(0, 0)).isEmpty();
    }

    @Test
    default void unboundedReadReturnsEverythingFromStartInAscendingOrder() {
        feed10LogsVoteSelf();
        List<Entry<D>> entries = storage().tryGetLogEntries(4, RaftLogReader.UNBOUNDED);
        assertThat(indexes(entries)).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }

    @Test
    default void getLogEntriesFailsWhenTheLastIndexOfTheRangeIsMissing() {
        feed10LogsVoteSelf();
        assertThatExceptionOfType(StorageException.class).isThrownBy(() -> storage().getLogEntries(8, 12))
                .satisfies(e -> assertThat(e.subject()).isEqualTo(new ErrorSubject.LogIndex(11)));
    }
}
