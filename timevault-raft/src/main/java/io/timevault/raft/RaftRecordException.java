package io.timevault.raft;

/**
 * A stored record is not a valid Raft log record. Thrown by a {@link RaftRecordCodec}; the log storage turns it
 * into a {@link StorageException} that names the partition and the index.
 */
public class RaftRecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RaftRecordException(String message) {
        super(message);
    }

    public RaftRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
