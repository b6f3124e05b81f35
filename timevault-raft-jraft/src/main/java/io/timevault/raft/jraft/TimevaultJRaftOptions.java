package io.timevault.raft.jraft;

import io.timevault.raft.LogStorageOptions;
import io.timevault.store.PartitionConfig;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * How {@link TimevaultJRaftServiceFactory} lays jraft groups out in its store. Immutable; thread-safe if
 * {@code partitionIds} is (it is called from the threads that initialize nodes).
 *
 * @param partitionIds     the partition of each Raft group, by jraft group id; must be deterministic (a restarted
 *                         node must find its log again) and give different groups different partitions. The default
 *                         is {@link #defaultPartitionId}
 * @param partitionConfig  the configuration of partitions created for new groups (existing partitions keep theirs)
 * @param logStorageOptions the adapter's tuning (group-commit cap, slow-fsync threshold)
 */
public record TimevaultJRaftOptions(
        Function<String, UUID> partitionIds,
        PartitionConfig partitionConfig,
        LogStorageOptions logStorageOptions) {

    /** The prefix hashed with the group id into the default partition id. */
    public static final String PARTITION_ID_PREFIX = "timevault-raft-jraft:group:";

    /**
     * Group partitions at {@link #defaultPartitionId}; the store's default partition configuration except that keys
     * are log indexes, not timestamps (so chunks roll by size only); the adapter's default tuning.
     */
    public static final TimevaultJRaftOptions DEFAULTS = new TimevaultJRaftOptions(
            TimevaultJRaftOptions::defaultPartitionId,
            PartitionConfig.defaults().withKeyIsTimestamp(false),
            LogStorageOptions.DEFAULTS);

    public TimevaultJRaftOptions {
        Objects.requireNonNull(partitionIds, "partitionIds");
        Objects.requireNonNull(partitionConfig, "partitionConfig");
        Objects.requireNonNull(logStorageOptions, "logStorageOptions");
    }

    /**
     * The default partition of group {@code groupId}: the name-based (version 3) UUID of
     * {@value #PARTITION_ID_PREFIX}{@code <groupId>} in UTF-8. Stable across runs, machines and versions.
     */
    public static UUID defaultPartitionId(String groupId) {
        Objects.requireNonNull(groupId, "groupId");
        return UUID.nameUUIDFromBytes((PARTITION_ID_PREFIX + groupId).getBytes(StandardCharsets.UTF_8));
    }

    /** The partition of {@code groupId} under these options. */
    public UUID partitionIdOf(String groupId) {
        return Objects.requireNonNull(partitionIds.apply(groupId), () -> "no partition id for group " + groupId);
    }

    public TimevaultJRaftOptions withPartitionIds(Function<String, UUID> value) {
        return new TimevaultJRaftOptions(value, partitionConfig, logStorageOptions);
    }

    public TimevaultJRaftOptions withPartitionConfig(PartitionConfig value) {
        return new TimevaultJRaftOptions(partitionIds, value, logStorageOptions);
    }

    public TimevaultJRaftOptions withLogStorageOptions(LogStorageOptions value) {
        return new TimevaultJRaftOptions(partitionIds, partitionConfig, value);
    }
}
