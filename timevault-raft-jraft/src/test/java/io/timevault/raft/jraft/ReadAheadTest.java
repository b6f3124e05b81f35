package io.timevault.raft.jraft;

import static io.timevault.raft.jraft.LogEntries.data;
import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.sofa.jraft.entity.LogEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bridge's read-ahead ({@link ReadAhead}): sequential {@code getEntry} calls, as jraft's replicator makes for a
 * lagging follower, return exactly what is in the log, including after the log changed under a window.
 */
class ReadAheadTest extends InitializedLogStorage {

    private void append(long from, long to, long term) {
        List<LogEntry> list = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            list.add(data(i, term, "t" + term + "e" + i));
        }
        assertThat(log.appendEntries(list)).isEqualTo(list.size());
    }

    private void assertSequentialReads(long from, long to, long term) {
        for (long i = from; i <= to; i++) {
            assertThat(log.getEntry(i)).as("entry %d", i).isEqualTo(data(i, term, "t" + term + "e" + i));
        }
    }

    @Test
    void sequentialReadsReturnEveryEntryAndEntriesAppendedAfterAWindowWasRead() {
        append(1, 10, 1);
        assertSequentialReads(1, 5, 1); // a window now holds 2..10, the end of the log when it was read
        append(11, 3 * ReadAhead.WINDOW, 1);
        assertSequentialReads(6, 3 * ReadAhead.WINDOW, 1);
        assertThat(log.getEntry(3 * ReadAhead.WINDOW + 1)).isNull();
    }

    @Test
    void entriesRewrittenAfterATruncateSuffixAreReadNotTheCachedOnes() {
        append(1, 40, 1);
        assertSequentialReads(1, 10, 1); // windows hold entries of term 1 up to 40

        assertThat(log.truncateSuffix(5)).isTrue();
        append(6, 40, 2);

        assertSequentialReads(6, 40, 2);
        assertSequentialReads(1, 5, 1);
    }

    @Test
    void entriesRewrittenAfterAResetAreReadNotTheCachedOnes() {
        append(1, 40, 1);
        assertSequentialReads(1, 20, 1);

        assertThat(log.reset(8)).isTrue();
        assertThat(log.getEntry(8)).isNull();
        append(8, 40, 3);

        assertSequentialReads(8, 40, 3);
    }

    @Test
    void interleavedReadersEachReadTheirOwnEntries() {
        append(1, 200, 1);
        for (long k = 0; k < 100; k++) {
            assertThat(log.getEntry(1 + k)).isEqualTo(data(1 + k, 1, "t1e" + (1 + k)));
            assertThat(log.getEntry(101 + k)).isEqualTo(data(101 + k, 1, "t1e" + (101 + k)));
        }
    }
}
