package io.timevault.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random appends, truncations, purges, votes and reopens on a partition with tiny chunks, checked after every step
 * against {@link InMemoryLogStorage} fed the same calls. Every call is durable when it returns (appends are
 * awaited), so the model never has to forget anything on reopen. The seed is printed; replay one with
 * {@code -Dtimevault.model.seed=<seed>}; run longer with {@code -Dtimevault.model.steps=<n>} (default 250).
 */
class ModelComparisonTest {

    private static final int STEPS = Integer.getInteger("timevault.model.steps", 250);

    @TempDir
    Path root;

    @Test
    void randomOperationsMatchTheReferenceModelAcrossReopens() {
        long seed = Long.getLong("timevault.model.seed", System.nanoTime());
        System.out.println("ModelComparisonTest seed " + seed);
        Random random = new Random(seed);
        InMemoryLogStorage<String> model = new InMemoryLogStorage<>();
        TestLog log = TestLog.open(root, TimevaultLogStorageSmallChunksSuiteTest.SMALL_CHUNKS, LogStorageOptions.DEFAULTS);
        long term = 1;
        try {
            for (int step = 0; step < STEPS; step++) {
                String where = "step " + step + " of seed " + seed;
                LogState state = model.getLogState();
                long next = LogId.nextIndex(state.lastLogId());
                int dice = random.nextInt(100);
                if (dice < 55) {
                    if (random.nextInt(10) == 0) {
                        term++;
                    }
                    List<Entry<String>> entries = new ArrayList<>();
                    for (int i = 0, n = 1 + random.nextInt(20); i < n; i++) {
                        entries.add(Entry.normal(LogId.of(term, 0, next + i), "s" + step + "-" + i + "-" + "y".repeat(random.nextInt(80))));
                    }
                    model.blockingAppend(entries);
                    log.storage.blockingAppend(entries);
                } else if (dice < 70 && state.lastLogId() != null) {
                    long first = LogId.nextIndex(state.lastPurgedLogId());
                    long since = first + (long) random.nextInt((int) Math.max(1, next - first + 3));
                    LogId id = LogId.of(term, 0, since);
                    model.truncate(id);
                    log.storage.truncate(id);
                } else if (dice < 82 && state.lastLogId() != null) {
                    long first = LogId.nextIndex(state.lastPurgedLogId());
                    long upTo = first + (long) random.nextInt((int) Math.max(1, next - first + 5));
                    LogId id = upTo < next ? model.getLogId(upTo) : LogId.of(term, 0, upTo);
                    model.purge(id);
                    log.storage.purge(id);
                } else if (dice < 90) {
                    Vote vote = random.nextBoolean() ? Vote.of(term, random.nextInt(3)) : Vote.committed(term, 0);
                    model.saveVote(vote);
                    log.storage.saveVote(vote);
                } else {
                    log = log.reopen();
                    assertThat(log.storage.recovery().kind()).as(where).isEqualTo(RecoveryOutcome.Kind.CLEAN);
                }
                assertSame(model, log.storage, where);
            }
        } finally {
            log.close();
        }
    }

    private static void assertSame(InMemoryLogStorage<String> model, RaftLogStorage<String> storage, String where) {
        assertThat(storage.getLogState()).as("log state, " + where).isEqualTo(model.getLogState());
        assertThat(storage.readVote()).as("vote, " + where).isEqualTo(model.readVote());
        assertThat(storage.tryGetLogEntries(0, RaftLogReader.UNBOUNDED)).as("entries, " + where)
                .containsExactlyElementsOf(model.tryGetLogEntries(0, RaftLogReader.UNBOUNDED));
    }
}
