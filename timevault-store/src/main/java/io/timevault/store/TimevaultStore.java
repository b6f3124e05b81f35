package io.timevault.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A timevault store: a root directory holding partitions under {@code partitions/<b14>/<b15>/<uuid>/}.
 * Opening in write mode takes the store's {@code flock} ({@link StoreLockedException} when another writer holds
 * it); read-only mode takes no lock and writes nothing. One {@link Partition} handle exists per partition per store:
 * two handles on one partition would corrupt each other.
 *
 * <p>Thread-safe.
 */
public final class TimevaultStore implements AutoCloseable {

    static final String LOCK_FILE = ".timevault.write.lock";

    private final Path root;
    private final StoreOptions options;
    private final StoreLock lock;
    private final Map<UUID, Partition> partitions = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private TimevaultStore(Path root, StoreOptions options, StoreLock lock) {
        this.root = root;
        this.options = options;
        this.lock = lock;
    }

    /**
     * Opens the store at {@code root}. Write mode creates the root and {@code partitions/} if missing and takes the
     * lock; read-only mode requires nothing to exist.
     */
    public static TimevaultStore open(Path root, StoreOptions options) {
        if (options.readOnly()) {
            return new TimevaultStore(root, options, null);
        }
        DurableFiles.createDirectories(root.resolve("partitions"));
        return new TimevaultStore(root, options, StoreLock.acquire(root.resolve(LOCK_FILE)));
    }

    public Path root() {
        return root;
    }

    public boolean readOnly() {
        return options.readOnly();
    }

    /** The directory of a partition (whether or not it exists). */
    public Path partitionDirectory(UUID id) {
        return PartitionFiles.partitionDirectory(root, id);
    }

    /**
     * Creates a partition: its directories, {@code metadata.json} and an empty {@code manifest.jsonl}, all durable.
     *
     * @throws PartitionExistsException when it already has a {@code metadata.json}
     */
    public synchronized Partition createPartition(UUID id, PartitionConfig config) {
        checkOpen();
        if (options.readOnly()) {
            throw new ReadOnlyException("store " + root);
        }
        try {
            FormatPlugins.forName(config.formatPlugin());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("partition " + id + ": " + e.getMessage(), e);
        }
        Path dir = partitionDirectory(id);
        PartitionFiles files = new PartitionFiles(dir);
        if (Files.exists(files.metadata())) {
            throw new PartitionExistsException(id, dir);
        }
        for (String sub : List.of(PartitionFiles.CHUNKS, "tmp", "gc")) {
            DurableFiles.createDirectories(dir.resolve(sub));
        }
        if (!Files.exists(files.manifest())) {
            DurableFiles.writeAtomically(files.manifest(), files.manifestTemp(), new byte[0]);
        }
        DurableFiles.writeAtomically(files.metadata(), new Metadata(id, config, null).toJson());
        return openPartition(id);
    }

    /**
     * Opens (and recovers) a partition, or returns the handle this store already opened.
     *
     * @throws PartitionNotFoundException when the partition has no {@code metadata.json}
     */
    public Partition openPartition(UUID id) {
        checkOpen();
        Partition existing = partitions.get(id);
        if (existing != null) {
            return existing;
        }
        synchronized (this) {
            existing = partitions.get(id);
            if (existing != null) {
                return existing;
            }
            Path dir = partitionDirectory(id);
            if (!Files.exists(dir.resolve(PartitionFiles.METADATA))) {
                throw new PartitionNotFoundException(id, dir);
            }
            Partition p = new Partition(id, dir, options.readOnly(), closedPartition -> partitions.remove(id, closedPartition));
            partitions.put(id, p);
            return p;
        }
    }

    /** Whether the partition exists (has a {@code metadata.json}): one file check, no directory walk. */
    public boolean hasPartition(UUID id) {
        return Files.exists(partitionDirectory(id).resolve(PartitionFiles.METADATA));
    }

    /** Opens the partition, creating it with {@code config} when it does not exist. */
    public synchronized Partition openOrCreatePartition(UUID id, PartitionConfig config) {
        if (hasPartition(id)) {
            return openPartition(id);
        }
        return createPartition(id, config);
    }

    /** Every partition under {@code partitions/} (three directory levels; names that are not UUIDs are skipped). */
    public List<UUID> listPartitions() {
        Path base = root.resolve("partitions");
        List<UUID> ids = new ArrayList<>();
        if (!Files.isDirectory(base)) {
            return ids;
        }
        try (DirectoryStream<Path> l1 = Files.newDirectoryStream(base, Files::isDirectory)) {
            for (Path a : l1) {
                try (DirectoryStream<Path> l2 = Files.newDirectoryStream(a, Files::isDirectory)) {
                    for (Path b : l2) {
                        try (DirectoryStream<Path> l3 = Files.newDirectoryStream(b, Files::isDirectory)) {
                            for (Path c : l3) {
                                try {
                                    ids.add(JsonFields.parseUuid(c.getFileName().toString()));
                                } catch (IllegalArgumentException notAPartition) {
                                    // other directories may live here; timevault-rs skips them too
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new StorageIOException("list partitions in", base, e);
        }
        return ids;
    }

    /** Closes every open partition (syncing it) and releases the lock. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException first = null;
        for (Partition p : List.copyOf(partitions.values())) {
            try {
                p.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        partitions.clear();
        if (lock != null) {
            lock.close();
        }
        if (first != null) {
            throw first;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new PartitionClosedException("store " + root + " is closed", null);
        }
    }

    @Override
    public String toString() {
        return "TimevaultStore[" + root + (options.readOnly() ? ", read-only" : "") + "]";
    }
}
