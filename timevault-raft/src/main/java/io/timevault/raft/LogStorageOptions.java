package io.timevault.raft;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of a {@link TimevaultLogStorage}. The defaults suit a Raft log of small entries.
 *
 * @param maxBatchEntries   group commit cap: the writer stops gathering queued appends into one fsync once it has
 *                          written this many entries (a single append call is never split); at least 1
 * @param slowSyncThreshold an fsync slower than this is logged at WARN
 */
public record LogStorageOptions(int maxBatchEntries, Duration slowSyncThreshold) {

    /** 4096 entries per fsync at most (about 1 MiB of 256-byte entries); warn on fsyncs over one second. */
    public static final LogStorageOptions DEFAULTS = new LogStorageOptions(4096, Duration.ofSeconds(1));

    public LogStorageOptions {
        if (maxBatchEntries < 1) {
            throw new IllegalArgumentException("maxBatchEntries must be at least 1, was " + maxBatchEntries);
        }
        Objects.requireNonNull(slowSyncThreshold, "slowSyncThreshold");
        if (slowSyncThreshold.isNegative()) {
            throw new IllegalArgumentException("slowSyncThreshold must not be negative, was " + slowSyncThreshold);
        }
    }

    public LogStorageOptions withMaxBatchEntries(int value) {
        return new LogStorageOptions(value, slowSyncThreshold);
    }

    public LogStorageOptions withSlowSyncThreshold(Duration value) {
        return new LogStorageOptions(maxBatchEntries, value);
    }
}
