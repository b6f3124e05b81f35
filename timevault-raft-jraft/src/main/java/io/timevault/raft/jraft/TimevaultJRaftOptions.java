package io.timevault.raft.jraft;

import io.timevault.raft.IfMissing;
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
 * @param ifMissing        what to do, by group id, when a group's partition is gone although the store's
 *                         {@link io.timevault.raft.RaftLogRegistry} lists it; {@link IfMissing#FAIL} by default, so a
 *                         node whose log vanished does not rejoin its group with an empty log and no vote
 */
public record TimevaultJRaftOptions(
        Function<String, UUID> partitionIds,
        PartitionConfig partitionConfig,
        LogStorageOptions logStorageOptions,
        Function<String, IfMissing> ifMissing) {

    /** The prefix hashed with the group id into the default partition id. */
    public static final String PARTITION_ID_PREFIX = "timevault-raft-jraft:group:";

    /**
     * Group partitions at {@link #defaultPartitionId}; the store's default partition configuration except that keys
     * are log indexes, not timestamps (so chunks roll by size only); the adapter's default tuning; a vanished log
     * fails its node's start ({@link IfMissing#FAIL}).
     */
    public static final TimevaultJRaftOptions DEFAULTS = new TimevaultJRaftOptions(
            TimevaultJRaftOptions::defaultPartitionId,
            PartitionConfig.defaults().withKeyIsTimestamp(false),
            LogStorageOptions.DEFAULTS,
            group -> IfMissing.FAIL);

    /** The options before {@code ifMissing} existed: {@link IfMissing#FAIL} for every group. */
    public TimevaultJRaftOptions(Function<String, UUID> partitionIds, PartitionConfig partitionConfig,
            LogStorageOptions logStorageOptions) {
        this(partitionIds, partitionConfig, logStorageOptions, group -> IfMissing.FAIL);
    }

    public TimevaultJRaftOptions {
        Objects.requireNonNull(partitionIds, "partitionIds");
        Objects.requireNonNull(partitionConfig, "partitionConfig");
        Objects.requireNonNull(logStorageOptions, "logStorageOptions");
        Objects.requireNonNull(ifMissing, "ifMissing");
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

    /** What to do when the partition of {@code groupId} is gone although the registry lists it. */
    public IfMissing ifMissingOf(String groupId) {
        return Objects.requireNonNull(ifMissing.apply(groupId), () -> "no if-missing policy for group " + groupId);
    }

    public TimevaultJRaftOptions withPartitionIds(Function<String, UUID> value) {
        return new TimevaultJRaftOptions(value, partitionConfig, logStorageOptions, ifMissing);
    }

    public TimevaultJRaftOptions withPartitionConfig(PartitionConfig value) {
        return new TimevaultJRaftOptions(partitionIds, value, logStorageOptions, ifMissing);
    }

    public TimevaultJRaftOptions withLogStorageOptions(LogStorageOptions value) {
        return new TimevaultJRaftOptions(partitionIds, partitionConfig, value, ifMissing);
    }

    public TimevaultJRaftOptions withIfMissing(Function<String, IfMissing> value) {
        return new TimevaultJRaftOptions(partitionIds, partitionConfig, logStorageOptions, value);
    }
}
