package io.timevault.raft.autoconfigure.jraft;

import io.timevault.raft.TimevaultLogStorage;
import io.timevault.raft.autoconfigure.InvalidTimevaultRaftPropertyException;
import io.timevault.raft.autoconfigure.TimevaultLogDefinition;
import io.timevault.raft.autoconfigure.TimevaultRaftLogs;
import io.timevault.raft.jraft.GroupLogListener;
import io.timevault.raft.jraft.GroupLogSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The jraft service factory's view of {@code timevault.raft.logs}: a group whose id is a log's name gets that log's
 * partition, chunk, index and sync settings; a group with no entry gets the defaults (its partition derived from its
 * id by the same rule). Opening and closing a group's log is recorded in {@link TimevaultRaftLogs}, which gives it
 * health and meters like every other log.
 *
 * <p>Refuses, naming the property: a group whose log has an entry type (a storage bean writes that partition; two
 * writers would corrupt it), and an unconfigured group whose derived partition a configured log sets explicitly.
 *
 * <p>Immutable apart from the registry it reports to; thread-safe.
 */
final class JRaftGroupLogs implements Function<String, GroupLogSettings>, GroupLogListener {

    private final Map<String, TimevaultLogDefinition> definitions;

    private final TimevaultRaftLogs logs;

    JRaftGroupLogs(List<TimevaultLogDefinition> definitions, TimevaultRaftLogs logs) {
        this.definitions = definitions.stream()
                .collect(Collectors.toUnmodifiableMap(TimevaultLogDefinition::name, Function.identity()));
        this.logs = logs;
    }

    /** The configured jraft groups' logs. */
    List<TimevaultLogDefinition> configuredGroups() {
        return definitions.values().stream().filter(TimevaultLogDefinition::isJRaftGroup).toList();
    }

    @Override
    public GroupLogSettings apply(String groupId) {
        TimevaultLogDefinition definition = definition(groupId);
        return new GroupLogSettings(definition.partitionId(), definition.partitionConfig(),
                definition.storageOptions(), definition.properties().ifMissing());
    }

    private TimevaultLogDefinition definition(String groupId) {
        TimevaultLogDefinition configured = definitions.get(groupId);
        if (configured == null) {
            TimevaultLogDefinition unconfigured = TimevaultLogDefinition.unconfigured(groupId);
            Optional<TimevaultLogDefinition> owner = definitions.values().stream()
                    .filter(definition -> definition.partitionId().equals(unconfigured.partitionId())).findFirst();
            if (owner.isPresent()) {
                String property = owner.get().property("partition-id");
                throw new InvalidTimevaultRaftPropertyException(property, owner.get().partitionId(),
                        "SOFAJRaft group '" + groupId + "' has no entry under timevault.raft.logs and derives this "
                                + "partition from its id, which log '" + owner.get().name() + "' uses",
                        "Give log '" + owner.get().name() + "' another partition-id, or configure "
                                + "timevault.raft.logs." + groupId + " with a partition of its own.",
                        null);
            }
            return unconfigured;
        }
        if (!configured.isJRaftGroup()) {
            String property = configured.property("entry-type");
            throw new InvalidTimevaultRaftPropertyException(property, configured.entryType().getName(),
                    "a SOFAJRaft group with id '" + groupId + "' started, but log '" + groupId + "' has an entry "
                            + "type: its RaftLogStorage bean writes that partition, and two writers would corrupt it",
                    "Remove '" + property + "' to make '" + groupId + "' a SOFAJRaft group's log, or give the group "
                            + "another id.",
                    null);
        }
        return configured;
    }

    @Override
    public void opened(String groupId, TimevaultLogStorage<?> log) {
        logs.opened(groupId, nodeId(groupId), log);
    }

    @Override
    public void closed(String groupId, TimevaultLogStorage<?> log) {
        logs.closed(groupId, log);
    }

    /** The configured node id of the group's log; {@code null} (not shown) for an unconfigured group. */
    Long nodeId(String groupId) {
        TimevaultLogDefinition configured = definitions.get(groupId);
        return (configured != null) ? configured.properties().nodeId() : null;
    }
}
