package io.timevault.raft.jraft;

import io.timevault.raft.IfMissing;
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
 * @param ifMissing       what to do when the partition is gone although the store's
 *                        {@link io.timevault.raft.RaftLogRegistry} lists the group's log: {@link IfMissing#FAIL} (the
 *                        default) keeps a node whose log vanished from rejoining its group with an empty log and no vote
 */
public record GroupLogSettings(UUID partitionId, PartitionConfig partitionConfig, LogStorageOptions storageOptions,
        IfMissing ifMissing) {

    /** The store's default partition configuration, except that keys are log indexes (chunks roll by size only). */
    public static final PartitionConfig DEFAULT_PARTITION_CONFIG = PartitionConfig.defaults().withKeyIsTimestamp(false);

    public GroupLogSettings {
        Objects.requireNonNull(partitionId, "partitionId");
        Objects.requireNonNull(partitionConfig, "partitionConfig");
        Objects.requireNonNull(storageOptions, "storageOptions");
        Objects.requireNonNull(ifMissing, "ifMissing");
    }

    /** Settings with {@link IfMissing#FAIL}. */
    public GroupLogSettings(UUID partitionId, PartitionConfig partitionConfig, LogStorageOptions storageOptions) {
        this(partitionId, partitionConfig, storageOptions, IfMissing.FAIL);
    }

    /**
     * The settings of a group nobody configured: partition {@link LogPartitionIds#derive}{@code (groupId)} (the rule
     * every named log follows), {@link #DEFAULT_PARTITION_CONFIG}, {@link LogStorageOptions#DEFAULTS},
     * {@link IfMissing#FAIL}.
     */
    public static GroupLogSettings defaults(String groupId) {
        return new GroupLogSettings(LogPartitionIds.derive(groupId), DEFAULT_PARTITION_CONFIG,
                LogStorageOptions.DEFAULTS);
    }

    public GroupLogSettings withPartitionId(UUID value) {
        return new GroupLogSettings(value, partitionConfig, storageOptions, ifMissing);
    }

    public GroupLogSettings withIfMissing(IfMissing value) {
        return new GroupLogSettings(partitionId, partitionConfig, storageOptions, value);
    }
}
