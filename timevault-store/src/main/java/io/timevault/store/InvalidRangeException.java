package io.timevault.store;

/** {@link Partition#readRange} with {@code from > to} (unsigned). */
public final class InvalidRangeException extends TimevaultException {

    public InvalidRangeException(long from, long to) {
        super("invalid range: " + Long.toUnsignedString(from) + " > " + Long.toUnsignedString(to));
    }
}
