package io.timevault.store;

/**
 * How a {@link TimevaultStore} is opened.
 *
 * @param readOnly whether the store is opened for reading only: it takes no lock, creates no directory and
 *                 writes no byte, repairs included (a torn tail is hidden in memory, not cut)
 */
public record StoreOptions(boolean readOnly) {

    /** Write mode: takes the store lock, repairs on open. */
    public static final StoreOptions DEFAULTS = new StoreOptions(false);

    /** Read-only mode. */
    public static final StoreOptions READ_ONLY = new StoreOptions(true);
}
