package io.timevault.raft.autoconfigure;

import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;

/**
 * A configured Raft log could not be opened at startup: its files are damaged or gone, or its recovery failed.
 * Wraps the store's or the adapter's exception with the log's name, so that
 * {@link TimevaultLogOpenFailureAnalyzer} can name the log, the file and the next step.
 */
public class TimevaultLogOpenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String logName;
    private final UUID partitionId;
    private final transient Path directory;

    /**
     * @param logName     the log's name (the key under {@code timevault.raft.logs})
     * @param partitionId its partition
     * @param directory   the absolute partition directory
     * @param cause       what failed
     */
    public TimevaultLogOpenException(String logName, UUID partitionId, Path directory, RuntimeException cause) {
        super("Raft log '" + logName + "' (partition " + partitionId + ", " + directory + ") could not be opened: "
                + cause.getMessage(), Objects.requireNonNull(cause, "cause"));
        this.logName = Objects.requireNonNull(logName, "logName");
        this.partitionId = Objects.requireNonNull(partitionId, "partitionId");
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** The log's name. */
    public String logName() {
        return logName;
    }

    public UUID partitionId() {
        return partitionId;
    }

    /** The absolute partition directory. */
    public Path directory() {
        return directory;
    }
}
