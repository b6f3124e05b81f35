package io.timevault.raft;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Read-only access to the Raft adapter's side files of a partition directory ({@code raft_vote.json},
 * {@code raft_purge.json}), for tools that inspect a store without opening a log (the {@code timevault} command).
 * Nothing here writes or locks.
 */
public final class RaftLogFiles {

    /** The vote file's name. */
    public static final String VOTE_FILE = RaftSideFiles.VOTE_FILE;
    /** The purge file's name. */
    public static final String PURGE_FILE = RaftSideFiles.PURGE_FILE;

    private RaftLogFiles() {
    }

    /**
     * The saved vote, or empty when the file does not exist.
     *
     * @throws RaftRecordException when the file exists but does not parse
     */
    public static Optional<Vote> readVote(Path partitionDir) {
        return RaftSideFiles.readVote(partitionDir);
    }

    /**
     * The last purged log id, or empty when the file does not exist.
     *
     * @throws RaftRecordException when the file exists but does not parse
     */
    public static Optional<LogId> readLastPurged(Path partitionDir) {
        return RaftSideFiles.readPurge(partitionDir);
    }
}
