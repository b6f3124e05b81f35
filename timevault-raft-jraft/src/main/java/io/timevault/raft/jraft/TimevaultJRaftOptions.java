package io.timevault.raft.jraft;

import io.timevault.raft.IfMissing;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * How {@link TimevaultJRaftServiceFactory} lays jraft groups out in its store. Immutable; thread-safe if
 * {@code groups} and {@code listener} are (they are called from the threads that initialize and shut down nodes).
 *
 * @param groups   the settings of each Raft group's log, by jraft group id (the log's name); must be deterministic.
 *                 The default is {@link GroupLogSettings#defaults}
 * @param listener told when a group's log opens and closes
 */
public record TimevaultJRaftOptions(Function<String, GroupLogSettings> groups, GroupLogListener listener) {

    /** Every group with {@link GroupLogSettings#defaults}; no listener. */
    public static final TimevaultJRaftOptions DEFAULTS =
            new TimevaultJRaftOptions(GroupLogSettings::defaults, GroupLogListener.NONE);

    public TimevaultJRaftOptions {
        Objects.requireNonNull(groups, "groups");
        Objects.requireNonNull(listener, "listener");
    }

    /** The settings of {@code groupId}'s log under these options. */
    public GroupLogSettings settingsOf(String groupId) {
        Objects.requireNonNull(groupId, "groupId");
        return Objects.requireNonNull(groups.apply(groupId), () -> "no log settings for group " + groupId);
    }

    /** The partition of {@code groupId} under these options. */
    public UUID partitionIdOf(String groupId) {
        return settingsOf(groupId).partitionId();
    }

    public TimevaultJRaftOptions withGroups(Function<String, GroupLogSettings> value) {
        return new TimevaultJRaftOptions(value, listener);
    }

    /** These options with each group's partition id given by {@code partitionIds}, the rest unchanged. */
    public TimevaultJRaftOptions withPartitionIds(Function<String, UUID> partitionIds) {
        Function<String, GroupLogSettings> base = groups;
        return withGroups(group -> base.apply(group).withPartitionId(partitionIds.apply(group)));
    }

    /**
     * These options with each group's {@link GroupLogSettings#ifMissing} given by {@code ifMissing}, the rest
     * unchanged: what to do when a group's partition is gone although the store's registry lists it.
     */
    public TimevaultJRaftOptions withIfMissing(Function<String, IfMissing> ifMissing) {
        Function<String, GroupLogSettings> base = groups;
        return withGroups(group -> base.apply(group).withIfMissing(ifMissing.apply(group)));
    }

    public TimevaultJRaftOptions withListener(GroupLogListener value) {
        return new TimevaultJRaftOptions(groups, value);
    }
}
