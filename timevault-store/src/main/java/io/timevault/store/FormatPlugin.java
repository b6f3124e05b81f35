package io.timevault.store;

/**
 * The record format of a partition: how records are framed in a chunk and where their order key lives.
 * The store never interprets a record beyond these two questions. The built-in plugins are the line-oriented
 * JSON formats of timevault-rs ({@link FormatPlugins}); typed plugins (such as the Raft record codec) build on
 * them and must produce records these accept.
 *
 * <p>Implementations must be stateless and thread-safe.
 */
public interface FormatPlugin {

    /** The name recorded in {@code metadata.json} ({@code format_plugin}). */
    String name();

    /**
     * Length of the first complete record in {@code buf[off, off+len)}, terminator included, or -1 when the
     * region holds no complete record (a torn tail). Does not validate the record's content.
     */
    int frameLength(byte[] buf, int off, int len);

    /**
     * Validates that {@code buf[off, off+len)} is exactly one complete record and returns its order key
     * (unsigned 64-bit).
     *
     * @throws InvalidRecordException naming what is wrong
     */
    long orderKey(byte[] buf, int off, int len);

    /**
     * The order key of a record that was validated when it was appended, for reads: may skip validating the rest
     * of the record. Defaults to {@link #orderKey}.
     */
    default long peekKey(byte[] buf, int off, int len) {
        return orderKey(buf, off, len);
    }
}
