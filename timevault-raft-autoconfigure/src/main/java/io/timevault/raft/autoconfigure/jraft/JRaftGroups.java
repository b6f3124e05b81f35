package io.timevault.raft.autoconfigure.jraft;

import io.timevault.raft.jraft.TimevaultJRaftOptions;
import java.util.UUID;

/** Where the jraft bridge keeps a group's log. Loaded only when the bridge is on the classpath. */
public final class JRaftGroups {

    private JRaftGroups() {
    }

    /** The partition of jraft group {@code groupId} under the bridge's default options. */
    public static UUID partitionId(String groupId) {
        return TimevaultJRaftOptions.defaultPartitionId(groupId);
    }
}
