package io.timevault.raft;

import java.util.List;
import java.util.Optional;

/**
 * Reads log entries by index (OpenRaft 0.9's {@code RaftLogReader} with the {@code RaftLogReaderExt} helpers as
 * default methods).
 *
 * <p>Indexes are unsigned 64-bit. A range is half-open, {@code [startInclusive, endExclusive)}; it is empty when
 * {@code endExclusive <= startInclusive} (unsigned). Pass {@link #UNBOUNDED} as the end for "to the end of the log"
 * ({@code a..} in Rust) and {@code b + 1} for an inclusive end ({@code a..=b}).
 *
 * <p>Thread rule: readers are safe for concurrent use with each other and with the storage's writes. An entry is
 * returned by every reader, including readers obtained before the append, from the moment {@code append}
 * returned until it is truncated or purged.
 *
 * @param <D> the application data type
 */
public interface RaftLogReader<D> {

    /** End bound meaning "no upper bound": 2^64-1 unsigned, so index 2^64-1 itself is not addressable. */
    long UNBOUNDED = -1L;

    /**
     * The present entries with {@code startInclusive <= index < endExclusive} (unsigned), in ascending index order.
     * Missing entries are not an error: entries at or below the purge point and past the last entry are simply
     * absent, so the result may be shorter than the range or empty. Entries at or below the last purged index may
     * still be returned for a short while after {@code purge} (OpenRaft never reads them).
     *
     * @throws StorageException if the log cannot be read or a stored entry does not decode
     */
    List<Entry<D>> tryGetLogEntries(long startInclusive, long endExclusive);

    /**
     * Entries of {@code [start, end)}, possibly only a prefix of them when the range is large (OpenRaft's
     * {@code limited_get_log_entries}). Never empty for a non-empty range whose first entry is present. This
     * default returns the whole range.
     */
    default List<Entry<D>> limitedGetLogEntries(long start, long end) {
        return tryGetLogEntries(start, end);
    }

    /** The entry at {@code index}, or empty if it is not present. */
    default Optional<Entry<D>> tryGetLogEntry(long index) {
        List<Entry<D>> found = tryGetLogEntries(index, index + 1);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    }

    /**
     * Like {@link #tryGetLogEntries} but exact: unless the range is empty, the first entry returned must have
     * index {@code start} and the last {@code end - 1} (for an {@link #UNBOUNDED} end only the first is checked).
     * As in OpenRaft, contiguity in between is not checked.
     *
     * @throws StorageException (defensive, subject {@link ErrorSubject.LogIndex}) if a bound entry is missing
     */
    default List<Entry<D>> getLogEntries(long start, long end) {
        List<Entry<D>> entries = tryGetLogEntries(start, end);
        if (Long.compareUnsigned(start, end) >= 0) {
            return entries;
        }
        if (entries.isEmpty() || entries.get(0).index() != start) {
            throw StorageException.defensive(new ErrorSubject.LogIndex(start), ErrorVerb.READ,
                    "log index not found: want " + Long.toUnsignedString(start) + ", got "
                            + (entries.isEmpty() ? "nothing" : entries.get(0).logId()));
        }
        long last = end - 1;
        if (end != UNBOUNDED && entries.get(entries.size() - 1).index() != last) {
            throw StorageException.defensive(new ErrorSubject.LogIndex(last), ErrorVerb.READ,
                    "log index not found: want " + Long.toUnsignedString(last) + ", got "
                            + entries.get(entries.size() - 1).logId());
        }
        return entries;
    }

    /**
     * The id of the present entry at {@code index} (never the purged id, even for exactly the last purged index).
     *
     * @throws StorageException (defensive) if the entry is not present
     */
    default LogId getLogId(long index) {
        return getLogEntries(index, index + 1).get(0).logId();
    }
}
