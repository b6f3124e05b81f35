package io.timevault.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Orderings and display forms of the ids, as OpenRaft 0.9 (advanced leader id) defines them. */
class IdOrderingTest {

    @Test
    void logIdComparesLeaderIdBeforeIndex() {
        assertThat(LogId.of(3, 0, 1)).isGreaterThan(LogId.of(1, 0, 2));
        assertThat(LogId.of(2, 1, 1)).isGreaterThan(LogId.of(2, 0, 9));
        assertThat(LogId.of(2, 1, 5)).isGreaterThan(LogId.of(2, 1, 4));
        assertThat(LogId.of(2, 1, 5)).isEqualByComparingTo(LogId.of(2, 1, 5));
    }

    @Test
    void numbersCompareUnsigned() {
        assertThat(LogId.of(1, 0, -1L)).isGreaterThan(LogId.of(1, 0, Long.MAX_VALUE));
        assertThat(new LeaderId(-1L, 0)).isGreaterThan(new LeaderId(1, 0));
        assertThat(new LeaderId(1, -1L)).isGreaterThan(new LeaderId(1, 7));
    }

    @Test
    void absentLogIdSortsFirst() {
        List<LogId> ids = new ArrayList<>(Arrays.asList(LogId.of(0, 0, 0), null, LogId.of(1, 0, 0)));
        ids.sort(LogId.NULLS_FIRST);
        assertThat(ids).containsExactly(null, LogId.of(0, 0, 0), LogId.of(1, 0, 0));
        assertThat(LogId.nextIndex(null)).isZero();
        assertThat(LogId.nextIndex(LogId.of(1, 0, 9))).isEqualTo(10);
    }

    /** OpenRaft's own vote tests (advanced mode). */
    @Test
    void voteComparesLeaderIdThenCommitted() {
        assertThat(Vote.of(2, 2)).isGreaterThan(Vote.of(1, 2));
        assertThat(Vote.of(2, 2)).isGreaterThan(Vote.of(2, 1));
        assertThat(Vote.of(2, 2)).isEqualByComparingTo(Vote.of(2, 2)).isEqualTo(Vote.of(2, 2));
        assertThat(Vote.committed(2, 2)).isGreaterThan(Vote.of(2, 2));
        assertThat(Vote.committed(1, 9)).isLessThan(Vote.of(2, 0));
    }

    @Test
    void displayFormsAreOpenRafts() {
        assertThat(LogId.of(1, 0, 5)).hasToString("T1-N0-5");
        assertThat(Vote.of(1, 2)).hasToString("T1-N2:uncommitted");
        assertThat(Vote.committed(1, 2)).hasToString("T1-N2:committed");
        assertThat(LogId.of(-1L, 0, -1L)).hasToString("T18446744073709551615-N0-18446744073709551615");
    }
}
