package io.timevault.raft.jraft;

import io.timevault.raft.TimevaultLogStorage;

/**
 * Told when the {@link TimevaultJRaftServiceFactory} opens a group's log (the group's node starts) and when it closes
 * it (the node's storages were shut down), for example to register and remove meters and health. Called on the
 * thread that initializes or shuts down the node, outside any lock of the factory; an exception is logged and
 * otherwise ignored (observability never stops a node).
 */
public interface GroupLogListener {

    /** Listens to nothing. */
    GroupLogListener NONE = new GroupLogListener() {
    };

    /** The log of {@code groupId} was opened and recovered. */
    default void opened(String groupId, TimevaultLogStorage<?> log) {
    }

    /** The log of {@code groupId} was closed: its writes drained, its writer stopped. */
    default void closed(String groupId, TimevaultLogStorage<?> log) {
    }
}
