package io.timevault.raft.autoconfigure;

import io.timevault.raft.LogStorageOptions;
import io.timevault.store.PartitionConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.util.ClassUtils;

/**
 * One log, resolved: its entry class loaded and its partition id decided. Built from {@link TimevaultRaftProperties}
 * by {@link #resolveAll}, which rejects what binding alone cannot: an entry type that is not a loadable class and
 * two logs sharing one partition; or by {@link #unconfigured} for a jraft group with no entry under
 * {@code timevault.raft.logs}. The same definition gives a log its partition, chunk, index and sync settings whoever
 * opens it (a storage bean or the jraft service factory).
 *
 * @param name        the log's name (the key under {@code timevault.raft.logs}; the group id of a jraft group)
 * @param partitionId the partition holding the log
 * @param entryType   the class of the entry data; {@code null} for a jraft group's log
 * @param properties  the bound properties of the log
 */
public record TimevaultLogDefinition(String name, UUID partitionId, Class<?> entryType,
        TimevaultRaftProperties.Log properties) {

    public TimevaultLogDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(partitionId, "partitionId");
        Objects.requireNonNull(properties, "properties");
    }

    /** The definition of a log with no entry under {@code timevault.raft.logs}: every setting at its default. */
    public static TimevaultLogDefinition unconfigured(String name) {
        TimevaultRaftProperties.Log defaults = TimevaultRaftProperties.Log.DEFAULTS;
        return new TimevaultLogDefinition(name, defaults.partitionIdFor(name), null, defaults);
    }

    /** Whether a jraft group's node writes this log (no entry type), rather than a storage bean. */
    public boolean isJRaftGroup() {
        return entryType == null;
    }

    /** The name of this log's property {@code component}, as a user writes it. */
    public String property(String component) {
        return TimevaultRaftProperties.logProperty(name, component);
    }

    /** The partition settings of this log: the engine defaults with this log's chunk and index knobs. */
    public PartitionConfig partitionConfig() {
        PartitionConfig defaults = PartitionConfig.defaults();
        // Keys of a Raft log are indexes, not milliseconds: the hour-based knobs never apply.
        return defaults.withKeyIsTimestamp(false)
                .withChunkRoll(properties.chunk().maxSize().toBytes(), defaults.chunkRoll().maxHours())
                .withIndex(properties.index().maxRecords(), defaults.index().maxHours());
    }

    /** The writer settings of this log. */
    public LogStorageOptions storageOptions() {
        return LogStorageOptions.DEFAULTS.withMaxBatchEntries(properties.sync().maxBatchEntries())
                .withSlowSyncThreshold(properties.sync().slowThreshold());
    }

    /**
     * Resolves every configured log, in name order.
     *
     * @throws InvalidTimevaultRaftPropertyException naming the property when an entry type does not load or two
     *                                               logs resolve to one partition id
     */
    public static List<TimevaultLogDefinition> resolveAll(TimevaultRaftProperties properties, ClassLoader classLoader) {
        Map<UUID, String> owners = new HashMap<>();
        return new TreeMap<>(properties.logs()).entrySet().stream().map(entry -> {
            String name = entry.getKey();
            TimevaultRaftProperties.Log log = entry.getValue();
            Class<?> type = log.isJRaftGroup() ? null : loadEntryType(name, log.entryType(), classLoader);
            UUID partitionId = log.partitionIdFor(name);
            String other = owners.putIfAbsent(partitionId, name);
            if (other != null) {
                throw new InvalidTimevaultRaftPropertyException(
                        TimevaultRaftProperties.logProperty(name, "partition-id"), partitionId,
                        "log '" + other + "' already uses partition " + partitionId
                                + "; two Raft logs cannot share one partition",
                        "Give each log its own '" + TimevaultRaftProperties.PREFIX + ".logs.<name>.partition-id', "
                                + "or remove the partition-id of one of them so that it is derived from its name.",
                        null);
            }
            return new TimevaultLogDefinition(name, partitionId, type, log);
        }).toList();
    }

    private static Class<?> loadEntryType(String name, String className, ClassLoader classLoader) {
        String property = TimevaultRaftProperties.logProperty(name, "entry-type");
        Class<?> type;
        try {
            type = ClassUtils.forName(className, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new InvalidTimevaultRaftPropertyException(property, className,
                    "class " + className + " is not on the classpath (" + e + ")",
                    "Set '" + property + "' to the fully qualified name of the class your log entries carry, "
                            + "for example com.example.OrderCommand (nested classes as com.example.Outer$Inner).",
                    e);
        }
        if (type.isPrimitive() || type.isArray()) {
            throw new InvalidTimevaultRaftPropertyException(property, className,
                    className + " is not a class; a log's entry type must be a class serialized as a JSON value",
                    "Set '" + property + "' to the fully qualified name of your entry class.", null);
        }
        if (type.getTypeParameters().length > 0) {
            throw new InvalidTimevaultRaftPropertyException(property, className,
                    "class " + className + " is generic; a log's entry type must be a concrete type",
                    "Declare a non-generic entry class, or define a RaftRecordCodec<YourType> bean yourself.", null);
        }
        return type;
    }
}
