package io.timevault.store;

/** A write was attempted through a read-only store or partition. */
public final class ReadOnlyException extends TimevaultException {

    public ReadOnlyException(String what) {
        super(what + " is read-only");
    }
}
