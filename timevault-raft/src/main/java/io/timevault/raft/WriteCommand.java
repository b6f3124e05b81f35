package io.timevault.raft;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One write, queued for the writer thread. Appends are batched; every other write is a barrier that first makes
 * the pending appends durable.
 */
sealed interface WriteCommand {

    /** A write the caller waits for until it is durable; {@code done} completes with its outcome. */
    sealed interface Barrier extends WriteCommand {
        CompletableFuture<Void> done();
    }

    record SaveVote(Vote vote, CompletableFuture<Void> done) implements Barrier {
    }

    record Purge(LogId upTo, CompletableFuture<Void> done) implements Barrier {
    }

    record Truncate(LogId since, CompletableFuture<Void> done) implements Barrier {
    }

    record Shutdown(CompletableFuture<Void> done) implements Barrier {
    }

    /**
     * Encoded entries of one {@code append} call. The caller waits on {@code readable}; the writer calls the
     * callback once, after the batch's fsync (or at once with the error if the append was rejected or failed).
     *
     * @param ids      the entries' ids, in order
     * @param records  the encoded records, one per id
     * @param callback the caller's durability callback
     * @param readable completes when every entry is readable, or exceptionally when the append failed
     */
    record Append(List<LogId> ids, List<byte[]> records, LogFlushed callback,
                  CompletableFuture<Void> readable) implements WriteCommand {
    }
}
