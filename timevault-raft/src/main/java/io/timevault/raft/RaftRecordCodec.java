package io.timevault.raft;

/**
 * Turns log entries of type {@code D} into partition records and back: the typed half of a timevault format
 * plugin (the store's {@code FormatPlugin} does the framing). One codec per entry type; {@link JacksonFormatPlugin}
 * is the JSON one.
 *
 * <p>Implementations must be stateless and thread-safe: the log storage encodes on the appending threads and
 * decodes on the reading threads.
 *
 * @param <D> the application data type
 */
public interface RaftRecordCodec<D> {

    /**
     * Encodes one entry as exactly one complete record of the partition's format, whose order key is the entry's
     * index (for {@code jsonl}: one JSON line + LF with top-level {@code "timestamp"} equal to the index).
     *
     * @throws RaftRecordException if the entry cannot be encoded (e.g. its data does not serialize)
     */
    byte[] encode(Entry<D> entry);

    /**
     * Decodes one record produced by {@link #encode} (or by timevault-rs's raft adapter).
     *
     * @param record the buffer
     * @param offset where the record starts
     * @param length the record's length, terminator included
     * @throws RaftRecordException if the bytes are not a valid record; never returns a substitute entry
     */
    Entry<D> decode(byte[] record, int offset, int length);

    /**
     * Whether this codec's records fit partitions whose {@code metadata.json} names the format plugin {@code name}.
     */
    boolean supportsFormat(String name);
}
