package io.timevault.raft;

import java.util.Optional;

/**
 * The two log pointers a store reports (OpenRaft's {@code LogState}).
 *
 * <p>{@code lastLogId} is the id of the last present entry if there is any, otherwise the same value as
 * {@code lastPurgedLogId}. So it is {@code null} exactly when the log holds no entry and nothing was ever purged,
 * and equals {@code lastPurgedLogId} when every entry was purged (or truncated away after a purge).
 *
 * @param lastPurgedLogId the greatest id purged so far, or {@code null} if nothing was purged
 * @param lastLogId       the last entry's id, else {@code lastPurgedLogId}; {@code null} for an empty, never purged log
 */
public record LogState(LogId lastPurgedLogId, LogId lastLogId) {

    /** The state of a fresh log: nothing purged, no entry. */
    public static final LogState EMPTY = new LogState(null, null);

    /** {@link #lastPurgedLogId()} as an {@code Optional}. */
    public Optional<LogId> lastPurged() {
        return Optional.ofNullable(lastPurgedLogId);
    }

    /** {@link #lastLogId()} as an {@code Optional}. */
    public Optional<LogId> last() {
        return Optional.ofNullable(lastLogId);
    }
}
