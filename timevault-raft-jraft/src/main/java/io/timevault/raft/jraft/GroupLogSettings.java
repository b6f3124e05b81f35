package io.timevault.raft.jraft;

import io.timevault.raft.LogPartitionIds;
import io.timevault.raft.LogStorageOptions;
import io.timevault.store.PartitionConfig;
import java.util.Objects;
import java.util.UUID;

/**
 * Where and how one jraft group's log is kept: the group's entry of {@link TimevaultJRaftOptions#groups()}.
 *
 * @param partitionId     the partition holding the log; must not change between runs (a restarted node must find its
 *                        log again) and must differ between groups
 * @param partitionConfig the configuration of the partition when it is created (an existing partition keeps its own)
 * @param storageOptions  the adapter's tuning (group-commit cap, slow-fsync threshold)
 */
public record GroupLogSettings(UUID partitionId, PartitionConfig partitionConfig, LogStorageOptions storageOptions) {

    /** The store's default partition configuration, except that keys are log indexes (chunks roll by size only). */
    public static final PartitionConfig DEFAULT_PARTITION_CONFIG = PartitionConfig.defaults().withKeyIsTimestamp(false);

    public GroupLogSettings {
        Objects.requireNonNull(partitionId, "partitionId");
        Objects.requireNonNull(partitionConfig, "partitionConfig");
        Objects.requireNonNull(storageOptions, "storageOptions");
    }

    /**
     * The settings of a group nobody configured: partition {@link LogPartitionIds#derive}{@code (groupId)} (the rule
     * every named log follows), {@link #DEFAULT_PARTITION_CONFIG}, {@link LogStorageOptions#DEFAULTS}.
     */
    public static GroupLogSettings defaults(String groupId) {
        return new GroupLogSettings(LogPartitionIds.derive(groupId), DEFAULT_PARTITION_CONFIG,
                LogStorageOptions.DEFAULTS);
    }

    public GroupLogSettings withPartitionId(UUID value) {
        return new GroupLogSettings(value, partitionConfig, storageOptions);
    }
}
