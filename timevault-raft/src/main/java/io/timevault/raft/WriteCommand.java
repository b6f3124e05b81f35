package io.timevault.raft;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.LoggerFactory;

/**
 * One write, queued for the writer thread. Appends are batched; every other write is a barrier that first makes
 * the pending appends durable.
 */
sealed interface WriteCommand {

    /** A write the caller waits for until it is durable; {@code done} completes with its outcome. */
    sealed interface Barrier extends WriteCommand {
        CompletableFuture<Void> done();

        /** What a failure of this write is about, as timevault-rs reports it: vote → Vote, purge → Store, else Logs. */
        default ErrorSubject subject() {
            return ErrorSubject.LOGS;
        }

        /** For messages: what was being done. */
        String describe();
    }

    record SaveVote(Vote vote, CompletableFuture<Void> done) implements Barrier {
        @Override
        public ErrorSubject subject() {
            return ErrorSubject.VOTE;
        }

        @Override
        public String describe() {
            return "saving vote " + vote;
        }
    }

    record Purge(LogId upTo, CompletableFuture<Void> done) implements Barrier {
        @Override
        public ErrorSubject subject() {
            return ErrorSubject.STORE;
        }

        @Override
        public String describe() {
            return "purging up to " + upTo;
        }
    }

    record Truncate(LogId since, CompletableFuture<Void> done) implements Barrier {
        @Override
        public String describe() {
            return "truncating since " + since;
        }
    }

    record Shutdown(CompletableFuture<Void> done) implements Barrier {
        @Override
        public String describe() {
            return "closing";
        }
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

        /** Calls the callback: durable when {@code error} is null. */
        void reportFlushed(StorageException error) {
            report(callback, error);
        }
    }

    /** Calls a callback once; a throwing callback cannot hurt the writer. */
    static void report(LogFlushed callback, StorageException error) {
        try {
            callback.logIoCompleted(error == null ? null : new IOException(error.getMessage(), error));
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(LogWriter.class).warn("a LogFlushed callback threw; ignored", e);
        }
    }
}
