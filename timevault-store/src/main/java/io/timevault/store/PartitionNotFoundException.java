package io.timevault.store;

import java.nio.file.Path;
import java.util.UUID;

/** {@link TimevaultStore#openPartition(UUID)} found no {@code metadata.json} for the partition. */
public final class PartitionNotFoundException extends TimevaultException {

    private final UUID partitionId;

    public PartitionNotFoundException(UUID partitionId, Path directory) {
        super("partition " + partitionId + " not found: no metadata.json in " + directory);
        this.partitionId = partitionId;
    }

    public UUID partitionId() {
        return partitionId;
    }
}
