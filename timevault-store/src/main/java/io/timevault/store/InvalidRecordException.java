package io.timevault.store;

/** A record handed to {@link Partition#append} that is not exactly one complete record of the partition's format. */
public final class InvalidRecordException extends TimevaultException {

    public InvalidRecordException(String message) {
        super(message);
    }
}
