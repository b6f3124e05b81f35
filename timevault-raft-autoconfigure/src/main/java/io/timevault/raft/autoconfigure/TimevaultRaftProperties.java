package io.timevault.raft.autoconfigure;

import io.timevault.raft.IfMissing;
import io.timevault.raft.LogPartitionIds;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of timevault Raft log storage: one store directory and the Raft logs in it, one per Raft group.
 * Each log lives in its own timevault partition.
 *
 * <pre>{@code
 * timevault:
 *   raft:
 *     root: ./data/timevault
 *     logs:
 *       orders:
 *         entry-type: com.example.OrderCommand
 * }</pre>
 *
 * @param enabled Whether to enable timevault Raft log storage.
 * @param root Directory of the timevault store holding every log's partition. Relative paths resolve against the
 * working directory.
 * @param failOnRecoveryError Whether to fail startup when a log cannot be recovered. When disabled, the
 * application starts without that log's storage bean and the log's health is DOWN with the recovery findings.
 * @param logs Raft logs by name, one timevault partition each. The name (letters, digits, '-' and '_') is used in
 * bean names, health and metric tags, and derives the partition id when none is set. A SOFAJRaft group whose group id
 * is the name keeps its log there.
 */
@Validated
@ConfigurationProperties(prefix = "timevault.raft", ignoreUnknownFields = false)
public record TimevaultRaftProperties(
        @DefaultValue("true") boolean enabled,
        @NotNull @DefaultValue("./data/timevault") Path root,
        @DefaultValue("true") boolean failOnRecoveryError,
        @DefaultValue Map<@Pattern(regexp = "[A-Za-z0-9_-]+",
                message = "log names may only contain letters, digits, '-' and '_'") String, @Valid Log> logs) {

    /** Property prefix, for messages naming a property. */
    public static final String PREFIX = "timevault.raft";

    public TimevaultRaftProperties {
        logs = (logs != null) ? Map.copyOf(logs) : Map.of();
    }

    /**
     * The name of the property for component {@code component} (kebab-case) of log {@code name}, as a user writes it.
     */
    public static String logProperty(String name, String component) {
        return PREFIX + ".logs." + name + "." + component;
    }

    /**
     * One Raft log.
     *
     * @param partitionId Id of the timevault partition holding the log. Derived from the log's name when not set
     * (a name-based UUID of "timevault-raft:" followed by the name), so it is stable across restarts.
     * @param entryType Fully qualified class name of the application data carried by the log's entries, serialized
     * as JSON; the application gets a RaftLogStorage bean of that type. Leave it unset for the log of a SOFAJRaft
     * group (group id = log name), which the jraft service factory writes.
     * @param nodeId Id of this node in the Raft group, reported by health.
     * @param chunk Chunk file settings.
     * @param index Sparse index settings.
     * @param sync Group commit and fsync settings.
     * @param ifMissing What to do when the log's partition is gone although the store's registry says the log
     * existed: 'fail' stops startup (a Raft node must not come back with an empty log and no vote), 'create'
     * re-creates the log empty. A log that never existed is always created.
     * @param strictDecoding Whether entries that do not match the entry type exactly (unknown properties, missing
     * or null primitives) fail to decode, naming the log, the index and the field. When disabled, unknown
     * properties are ignored and missing primitives read as zero.
     */
    public record Log(
            UUID partitionId,
            String entryType,
            @DefaultValue("0") long nodeId,
            @Valid @DefaultValue Chunk chunk,
            @Valid @DefaultValue Index index,
            @Valid @DefaultValue Sync sync,
            @DefaultValue("fail") IfMissing ifMissing,
            @DefaultValue("true") boolean strictDecoding) {

        /** A log with every setting at its default (a jraft group nobody configured). */
        public static final Log DEFAULTS = new Log(null, null, 0, null, null, null, null, true);

        public Log {
            if (entryType != null && entryType.isBlank()) {
                throw new IllegalArgumentException("entryType must be the fully qualified class name of the log's "
                        + "entry data, or unset for a SOFAJRaft group's log");
            }
            entryType = (entryType != null) ? entryType.strip() : null;
            chunk = (chunk != null) ? chunk : Chunk.DEFAULTS;
            index = (index != null) ? index : Index.DEFAULTS;
            sync = (sync != null) ? sync : Sync.DEFAULTS;
            ifMissing = (ifMissing != null) ? ifMissing : IfMissing.FAIL;
        }

        /** This log's partition id: the configured one, or the one derived from {@code name}. */
        public UUID partitionIdFor(String name) {
            return (partitionId != null) ? partitionId : derivedPartitionId(name);
        }

        /** The partition id of a log named {@code name} that sets none: {@link LogPartitionIds#derive}. */
        public static UUID derivedPartitionId(String name) {
            return LogPartitionIds.derive(name);
        }

        /** Whether the log is a SOFAJRaft group's (no entry type: the jraft service factory writes it). */
        public boolean isJRaftGroup() {
            return entryType == null;
        }
    }

    /**
     * Chunk files of a log's partition.
     *
     * @param maxSize Size at which a chunk file is closed and a new one started. Zero disables rolling by size.
     */
    public record Chunk(@DefaultValue("256000000B") DataSize maxSize) {

        static final Chunk DEFAULTS = new Chunk(DataSize.ofBytes(256_000_000L));

        public Chunk {
            Objects.requireNonNull(maxSize, "maxSize must be set");
            if (maxSize.isNegative()) {
                throw new IllegalArgumentException("maxSize must not be negative, was " + maxSize);
            }
        }
    }

    /**
     * Sparse index of a log's partition.
     *
     * @param maxRecords Number of records covered by one index line. Zero disables the limit.
     */
    public record Index(@DefaultValue("128") int maxRecords) {

        static final Index DEFAULTS = new Index(128);

        public Index {
            if (maxRecords < 0) {
                throw new IllegalArgumentException("maxRecords must not be negative, was " + maxRecords);
            }
        }
    }

    /**
     * Group commit of a log: appends queued while an fsync runs share the next one.
     *
     * @param maxBatchEntries Maximum number of entries made durable by one fsync.
     * @param slowThreshold Duration above which an fsync is logged as slow.
     */
    public record Sync(
            @DefaultValue("4096") int maxBatchEntries,
            @DefaultValue("1s") Duration slowThreshold) {

        static final Sync DEFAULTS = new Sync(4096, Duration.ofSeconds(1));

        public Sync {
            if (maxBatchEntries < 1) {
                throw new IllegalArgumentException("maxBatchEntries must be at least 1, was " + maxBatchEntries);
            }
            Objects.requireNonNull(slowThreshold, "slowThreshold must be set");
            if (slowThreshold.isNegative()) {
                throw new IllegalArgumentException("slowThreshold must not be negative, was " + slowThreshold);
            }
        }
    }
}
