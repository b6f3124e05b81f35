package io.timevault.raft;

/** The life cycle of a log storage's writer thread. */
public enum WriterState {
    /** Accepting and executing writes. */
    RUNNING,
    /** A write failed; every later write fails fast with the original cause. Reopen the storage to recover. */
    FAILED,
    /** Closed; no further writes. */
    CLOSED
}
