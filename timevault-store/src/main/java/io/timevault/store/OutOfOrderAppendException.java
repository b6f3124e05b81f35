package io.timevault.store;

/**
 * An append whose key is below the partition's last key, or at or below its purge point. Nothing was written.
 * timevault-rs accepts such appends silently and drops them (spec §3.5 step 3); we refuse them loudly.
 */
public final class OutOfOrderAppendException extends TimevaultException {

    private final long key;
    private final long lowestAllowed;

    public OutOfOrderAppendException(long key, long lowestAllowed, String reason) {
        super("out-of-order append: key " + Long.toUnsignedString(key) + " " + reason);
        this.key = key;
        this.lowestAllowed = lowestAllowed;
    }

    /** The refused key (unsigned). */
    public long key() {
        return key;
    }

    /** The smallest key the partition would have accepted (unsigned). */
    public long lowestAllowed() {
        return lowestAllowed;
    }
}
