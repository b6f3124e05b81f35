package io.timevault.raft;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * The completion callback of {@link RaftLogStorage#append} (OpenRaft's {@code LogFlushed}).
 *
 * <p>A storage calls it <em>exactly once</em> per {@code append} call: with {@code null} once every entry of that
 * call is durable, or with the error that prevented it. It may be called before or after {@code append} returns,
 * and on any thread (the timevault adapter calls it on a thread of its shared writer pool); implementations must be
 * quick and must not call the write methods of any storage.
 */
@FunctionalInterface
public interface LogFlushed {

    /**
     * Reports the outcome of one append.
     *
     * @param error {@code null} if the entries are durable, otherwise why they may not be
     */
    void logIoCompleted(IOException error);

    /** A callback that completes {@code future} normally on success and exceptionally with the error otherwise. */
    static LogFlushed completing(CompletableFuture<Void> future) {
        return error -> {
            if (error == null) {
                future.complete(null);
            } else {
                future.completeExceptionally(error);
            }
        };
    }
}
