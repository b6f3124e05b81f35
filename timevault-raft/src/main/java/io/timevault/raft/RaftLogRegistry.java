package io.timevault.raft;

import io.timevault.store.CorruptFileException;
import io.timevault.store.DurableFiles;
import io.timevault.store.Partition;
import io.timevault.store.PartitionConfig;
import io.timevault.store.TimevaultStore;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which Raft logs a store holds, kept durably so that a log whose files vanish is an error and not a silent fresh
 * start. Every Raft log of the store (the starter's logs and the jraft bridge's groups) opens its partition through
 * {@link #open}.
 *
 * <h2>On disk</h2>
 * {@value #FILE} in the store root, beside {@code partitions/}: one JSON document without a trailing newline,
 * replaced atomically and durably (temp file, fsync, rename, directory fsync):
 * <pre>{@code {"version":1,"logs":[{"partition_id":"6f1c…","name":"orders","created_at":"2026-12-02T17:40:00Z"}]}}</pre>
 * Logs sorted by partition id. It belongs to the Raft layer: the store and timevault-rs neither read nor write it,
 * and the partitions' own files are unchanged (docs/compatibility.md).
 *
 * <h2>Invariant and recovery</h2>
 * A log is listed only after its partition was created durably, so a listed log whose partition has no
 * {@code metadata.json} lost its files. Then {@link IfMissing#FAIL} throws {@link RaftLogMissingException} and
 * {@link IfMissing#CREATE} re-creates it empty (logged at WARN). A crash between creating a partition and listing it
 * leaves an unlisted partition, which the next open lists (as it does partitions created before the registry
 * existed). A registry file that does not parse is an error naming the file, never "no logs".
 *
 * <p>What it cannot catch: a store that is entirely new — the node started from another working directory with a
 * relative root, or a whole store directory lost with its registry. Then every log is new; {@link #open} logs each
 * creation at INFO with the absolute path.
 *
 * <p>Thread-safe; one instance per {@link TimevaultStore} ({@link #of}). Across processes the store's write lock
 * keeps a single writer.
 */
public final class RaftLogRegistry {

    /** The registry file, in the store root. */
    public static final String FILE = "raft_logs.json";

    private static final int VERSION = 1;
    private static final String METADATA = "metadata.json";
    private static final Logger log = LoggerFactory.getLogger(RaftLogRegistry.class);
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Map<TimevaultStore, RaftLogRegistry> BY_STORE = new WeakHashMap<>();

    private final TimevaultStore store;
    private final Path file;
    private SortedMap<UUID, Registered> logs;

    private RaftLogRegistry(TimevaultStore store) {
        this.store = store;
        this.file = store.root().toAbsolutePath().normalize().resolve(FILE);
    }

    /** The registry of {@code store}: the same instance for every caller of one store object. */
    public static RaftLogRegistry of(TimevaultStore store) {
        Objects.requireNonNull(store, "store");
        synchronized (BY_STORE) {
            return BY_STORE.computeIfAbsent(store, RaftLogRegistry::new);
        }
    }

    /**
     * One listed log.
     *
     * @param partitionId its partition
     * @param name        the name it was created under (a log name or a jraft group id)
     * @param createdAt   when it was listed
     */
    public record Registered(UUID partitionId, String name, Instant createdAt) {

        public Registered {
            Objects.requireNonNull(partitionId, "partitionId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }

    /** The absolute path of the registry file. */
    public Path file() {
        return file;
    }

    /**
     * Opens the partition of the log {@code name}, creating it when the log is new.
     *
     * <ul>
     *   <li>The partition exists: it is opened (and listed if it was not).
     *   <li>It does not exist and the log is not listed: a new log; the partition is created with {@code config},
     *       then listed; logged at INFO with its absolute directory.
     *   <li>It does not exist but the log is listed: {@link RaftLogMissingException} under {@link IfMissing#FAIL};
     *       re-created empty, logged at WARN, under {@link IfMissing#CREATE}.
     * </ul>
     * A read-only store only opens existing partitions.
     *
     * @throws RaftLogMissingException when the log lost its partition and {@code ifMissing} is {@code FAIL}
     * @throws CorruptFileException    when the registry file does not parse
     */
    public synchronized Partition open(String name, UUID partitionId, PartitionConfig config, IfMissing ifMissing) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(partitionId, "partitionId");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(ifMissing, "ifMissing");
        if (store.readOnly()) {
            return store.openPartition(partitionId);
        }
        Path directory = store.partitionDirectory(partitionId).toAbsolutePath().normalize();
        SortedMap<UUID, Registered> known = loaded();
        if (Files.exists(directory.resolve(METADATA))) {
            Partition partition = store.openPartition(partitionId);
            if (!known.containsKey(partitionId)) {
                register(partitionId, name);
            }
            return partition;
        }
        Registered was = known.get(partitionId);
        if (was != null && ifMissing == IfMissing.FAIL) {
            throw new RaftLogMissingException(name, partitionId, directory, file, was.name());
        }
        Partition partition = store.createPartition(partitionId, config);
        if (was == null) {
            register(partitionId, name);
            log.info("Raft log '{}' is new: created its partition {} at {} (listed in {})", name, partitionId,
                    directory, file);
        } else {
            log.warn("Raft log '{}' had lost its partition {} and was RE-CREATED EMPTY at {} because its if-missing "
                    + "policy is CREATE (listed since {} in {})", name, partitionId, directory, was.createdAt(), file);
        }
        return partition;
    }

    /**
     * Checks, without opening or creating anything, that the log {@code name} can open: throws if the registry
     * lists it, its partition is gone and {@code ifMissing} is {@link IfMissing#FAIL}. Lets an application refuse
     * to start before any node runs (the jraft bridge opens group logs only when a node starts).
     *
     * @throws RaftLogMissingException as {@link #open} would
     */
    public synchronized void checkNotLost(String name, UUID partitionId, IfMissing ifMissing) {
        Path directory = store.partitionDirectory(partitionId).toAbsolutePath().normalize();
        Registered was = loaded().get(partitionId);
        if (was != null && ifMissing == IfMissing.FAIL && !Files.exists(directory.resolve(METADATA))) {
            throw new RaftLogMissingException(name, partitionId, directory, file, was.name());
        }
    }

    /** The listed log of {@code partitionId}, if any. */
    public synchronized Optional<Registered> find(UUID partitionId) {
        return Optional.ofNullable(loaded().get(partitionId));
    }

    /** Every listed log, by partition id. */
    public synchronized SortedMap<UUID, Registered> all() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(loaded()));
    }

    private SortedMap<UUID, Registered> loaded() {
        if (logs == null) {
            logs = DurableFiles.readIfExists(file).map(this::parse).orElseGet(TreeMap::new);
        }
        return logs;
    }

    private void register(UUID partitionId, String name) {
        SortedMap<UUID, Registered> next = new TreeMap<>(loaded());
        next.put(partitionId, new Registered(partitionId, name, Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        DurableFiles.writeAtomically(file, toJson(next));
        logs = next; // memory after disk
    }

    private SortedMap<UUID, Registered> parse(byte[] bytes) {
        SortedMap<UUID, Registered> result = new TreeMap<>();
        try {
            JsonNode root = MAPPER.readTree(bytes);
            JsonNode version = root.get("version");
            if (version == null || !version.isInt() || version.intValue() != VERSION) {
                throw invalid("unsupported version " + version + " (this release reads version " + VERSION + ")",
                        null);
            }
            JsonNode list = root.get("logs");
            if (list == null || !list.isArray()) {
                throw invalid("\"logs\" must be an array", null);
            }
            for (JsonNode entry : list.values()) {
                UUID id = UUID.fromString(entry.get("partition_id").stringValue());
                result.put(id, new Registered(id, entry.get("name").stringValue(),
                        Instant.parse(entry.get("created_at").stringValue())));
            }
        } catch (CorruptFileException e) {
            throw e;
        } catch (RuntimeException e) { // JacksonException, or a missing or mistyped field
            throw invalid("not a valid registry (" + e.getMessage() + ")", e);
        }
        return result;
    }

    private CorruptFileException invalid(String what, Throwable cause) {
        return new CorruptFileException(file, -1, what + ". It lists the Raft logs this store holds: restore it "
                + "from a backup, or delete it so that the partitions present are listed again when they open (a "
                + "log whose partition is gone too would then start empty)", cause);
    }

    private static byte[] toJson(SortedMap<UUID, Registered> logs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 112 * logs.size());
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberProperty("version", VERSION);
            g.writeName("logs");
            g.writeStartArray();
            for (Registered entry : logs.values()) {
                g.writeStartObject();
                g.writeStringProperty("partition_id", entry.partitionId().toString());
                g.writeStringProperty("name", entry.name());
                g.writeStringProperty("created_at", entry.createdAt().toString());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "RaftLogRegistry[" + file + "]";
    }
}
