package io.timevault.raft;

import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;

/**
 * The partition of a Raft log that the store's registry ({@link RaftLogRegistry}) says existed is gone, and the
 * log's {@link IfMissing} policy is {@link IfMissing#FAIL}: opening it would bring the node back with an empty
 * log and no vote.
 */
public final class RaftLogMissingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String logName;
    private final UUID partitionId;
    private final transient Path directory;
    private final transient Path registryFile;
    private final String registeredAs;

    /**
     * @param logName      the name the log is opened under (a log name or a jraft group id)
     * @param partitionId  its partition
     * @param directory    the absolute partition directory that does not hold a partition
     * @param registryFile the absolute registry file that lists it
     * @param registeredAs the name the registry recorded when the log was created
     */
    public RaftLogMissingException(String logName, UUID partitionId, Path directory, Path registryFile,
            String registeredAs) {
        super("Raft log '" + logName + "' (partition " + partitionId + ") existed in this store but its partition "
                + "is missing: no metadata.json in " + directory + " (listed in " + registryFile + ")");
        this.logName = Objects.requireNonNull(logName, "logName");
        this.partitionId = Objects.requireNonNull(partitionId, "partitionId");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.registryFile = Objects.requireNonNull(registryFile, "registryFile");
        this.registeredAs = registeredAs;
    }

    /** The name the log was opened under. */
    public String logName() {
        return logName;
    }

    public UUID partitionId() {
        return partitionId;
    }

    /** The absolute partition directory that should hold the log. */
    public Path directory() {
        return directory;
    }

    /** The absolute registry file that says the log existed. */
    public Path registryFile() {
        return registryFile;
    }

    /** The name the registry recorded for the log (normally {@link #logName()}). */
    public String registeredAs() {
        return registeredAs;
    }
}
