package io.timevault.raft;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * The one rule that places a named Raft log in a partition when no partition id is configured, used by the Spring
 * starter for {@code timevault.raft.logs.<name>} and by the jraft bridge for a group (group id = log name): the
 * name-based (version 3) UUID of {@value #PREFIX}{@code <name>} in UTF-8. Stable across runs, machines and versions:
 * a restarted node finds its log again.
 */
public final class LogPartitionIds {

    /** The prefix hashed with the log name. */
    public static final String PREFIX = "timevault-raft:";

    private LogPartitionIds() {
    }

    /** The partition of log {@code name} unless one is configured. */
    public static UUID derive(String name) {
        Objects.requireNonNull(name, "name");
        return UUID.nameUUIDFromBytes((PREFIX + name).getBytes(StandardCharsets.UTF_8));
    }
}
