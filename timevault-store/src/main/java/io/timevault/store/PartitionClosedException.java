package io.timevault.store;

/** The partition (or its store) was closed, or a previous write failed and the partition is fenced. */
public final class PartitionClosedException extends TimevaultException {

    public PartitionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
