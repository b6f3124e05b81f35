package io.timevault.raft.autoconfigure.jraft;

import io.timevault.raft.LogStorageStatus;
import io.timevault.raft.TimevaultLogStorage;
import io.timevault.raft.jraft.TimevaultJRaftOptions;
import io.timevault.raft.jraft.TimevaultJRaftServiceFactory;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ListableBeanFactory;

/** Where the jraft bridge keeps a group's log. Loaded only when the bridge is on the classpath. */
public final class JRaftGroups {

    private JRaftGroups() {
    }

    /**
     * The live status of a group's log from the factory that opened it, if the group's node runs in this JVM
     * (writer state and all); empty otherwise.
     */
    public static Optional<LogStorageStatus> liveStatus(
            ListableBeanFactory beanFactory, String groupId) {
        TimevaultJRaftServiceFactory factory = beanFactory
                .getBeanProvider(TimevaultJRaftServiceFactory.class).getIfUnique();
        return factory == null ? Optional.empty()
                : factory.openLog(groupId).map(TimevaultLogStorage::status);
    }

    /** The partition of jraft group {@code groupId} under the bridge's default options. */
    public static UUID partitionId(String groupId) {
        return TimevaultJRaftOptions.defaultPartitionId(groupId);
    }
}
