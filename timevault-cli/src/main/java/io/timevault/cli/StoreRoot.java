package io.timevault.cli;

import io.timevault.raft.LogPartitionIds;
import io.timevault.store.PartitionNotFoundException;
import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Resolves what the commands are given: a store root and, optionally, a partition — its UUID, its directory, the
 * name of a log in a Spring application (whose partition id the starter derives from the name when
 * {@code partition-id} is not set), or a jraft group id (the same rule: {@link LogPartitionIds}).
 */
final class StoreRoot {

    private StoreRoot() {
    }

    /** The store at {@code root}, read-only (no lock taken: works beside a writer). */
    static TimevaultStore openReadOnly(Path root) {
        if (!Files.isDirectory(root.resolve("partitions"))) {
            throw new IllegalArgumentException(root + " is not a timevault store (no partitions/ directory)");
        }
        return TimevaultStore.open(root, StoreOptions.READ_ONLY);
    }

    /** The partitions named, or every partition of the store when {@code partition} is null. */
    static List<UUID> partitions(TimevaultStore store, String partition) {
        if (partition == null) {
            List<UUID> all = new ArrayList<>(store.listPartitions());
            all.sort(null);
            return all;
        }
        return List.of(partition(store, partition));
    }

    /** One partition, by UUID, directory or log name. */
    static UUID partition(TimevaultStore store, String arg) {
        UUID id = parse(arg);
        if (id == null) {
            Path dir = Path.of(arg);
            if (Files.isDirectory(dir) && dir.getFileName() != null) {
                id = parse(dir.getFileName().toString());
            }
        }
        if (id == null) {
            // a log's name: timevault.raft.logs.<name> without partition-id, or a jraft group id
            id = LogPartitionIds.derive(arg);
        }
        if (!exists(store, id)) {
            throw new PartitionNotFoundException(id, store.partitionDirectory(id));
        }
        return id;
    }

    private static boolean exists(TimevaultStore store, UUID id) {
        return Files.exists(store.partitionDirectory(id).resolve("metadata.json"));
    }

    private static UUID parse(String s) {
        try {
            UUID id = UUID.fromString(s);
            return id.toString().equals(s.toLowerCase(java.util.Locale.ROOT)) ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
