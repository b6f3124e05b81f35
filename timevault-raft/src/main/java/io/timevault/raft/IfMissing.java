package io.timevault.raft;

/**
 * What {@link RaftLogRegistry#open} does when a log's partition is not on disk although the store's registry says
 * the log existed (its files were deleted, lost with a disk, or the node runs on another copy of the store).
 */
public enum IfMissing {

    /**
     * Refuse to open the log ({@link RaftLogMissingException}): a Raft node that comes back with an empty log and
     * no vote under its old identity can vote twice in one term and lose acknowledged entries. The default.
     */
    FAIL,

    /**
     * Re-create the log empty, logged at WARN. Only for an operator who knows the node's state is gone for good
     * and that the rest of the cluster will bring it up to date (or who removed the node from the cluster first).
     */
    CREATE
}
