package io.timevault.store;

import java.nio.file.Path;
import java.util.UUID;

/**
 * {@link TimevaultStore#createPartition} found an existing partition. Unlike timevault-rs we never overwrite
 * the metadata of a partition that already holds data (spec §7 item 32).
 */
public final class PartitionExistsException extends TimevaultException {

    private final UUID partitionId;

    public PartitionExistsException(UUID partitionId, Path directory) {
        super("partition " + partitionId + " already exists in " + directory);
        this.partitionId = partitionId;
    }

    public UUID partitionId() {
        return partitionId;
    }
}
