package io.timevault.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the contract tests need from their host: the storage under test and OpenRaft's suite fixtures
 * ({@code testing/suite.rs}): node id 0, {@code (t,i)} log ids, blank and membership entries, the blocking append
 * helper and {@code feed_10_logs_vote_self}.
 *
 * @param <D> the application data type of the storage under test
 */
public interface LogStorageFixture<D> {

    /** How long the callback of an append may take before a test fails. */
    Duration CALLBACK_TIMEOUT = Duration.ofSeconds(10);

    /** The storage under test: fresh and empty at the start of each test. */
    RaftLogStorage<D> storage();

    /** Application data for a Normal entry at {@code index}, or {@code null} to skip tests of Normal entries. */
    D sampleData(long index);

    /** How long to wait after a purge before reading, for storages that purge in the background. */
    Duration purgeGracePeriod();

    /** OpenRaft's {@code log_id_0(term, index)}: leader node 0. */
    default LogId id(long term, long index) {
        return LogId.of(term, 0, index);
    }

    default Entry<D> blank(long term, long index) {
        return Entry.blank(id(term, index));
    }

    /** OpenRaft's {@code membership_ent_0(term, index, voters)}: a uniform config, no learners. */
    default Entry<D> mem(long term, long index, long... voters) {
        return Entry.membership(id(term, index), voters(voters));
    }

    default Membership voters(long... ids) {
        Set<Long> set = new TreeSet<>();
        Arrays.stream(ids).forEach(set::add);
        return Membership.of(set);
    }

    /**
     * OpenRaft's suite {@code append}: appends one batch and waits for its callback, failing the test if the
     * callback reports an error or is not called within {@link #CALLBACK_TIMEOUT}, or is called more than once.
     */
    @SuppressWarnings("unchecked")
    default void append(Entry<D>... entries) {
        CompletableFuture<Void> flushed = new CompletableFuture<>();
        AtomicInteger calls = new AtomicInteger();
        storage().append(List.of(entries), error -> {
            calls.incrementAndGet();
            LogFlushed.completing(flushed).logIoCompleted(error);
        });
        try {
            flushed.get(CALLBACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            fail("append callback reported an error", e.getCause());
        } catch (TimeoutException e) {
            fail("append callback was not called within " + CALLBACK_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
        assertThat(calls).as("callback calls").hasValue(1);
    }

    /** OpenRaft's {@code feed_10_logs_vote_self}: (0,0), then (1,1)..(1,10) one append each, then vote (1,0). */
    default void feed10LogsVoteSelf() {
        append(blank(0, 0));
        for (long i = 1; i <= 10; i++) {
            append(blank(1, i));
        }
        storage().saveVote(Vote.of(1, 0));
    }

    /** OpenRaft's 1 s wait after a purge, here {@link #purgeGracePeriod()}. */
    default void waitForPurge() {
        try {
            Thread.sleep(purgeGracePeriod().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    default List<Long> indexes(List<Entry<D>> entries) {
        return entries.stream().map(Entry::index).toList();
    }
}
