package io.timevault.store;

import java.util.List;

/**
 * What readers see: an immutable snapshot of the chunks, the purge point and the last record, published by the
 * writer through a volatile field after every change.
 *
 * @param closed       closed chunks in key order
 * @param active       the chunk appends go to, or {@code null} for an empty partition
 * @param lastPurgeId  the purge point, or {@code null}
 * @param lastRecord   the last record above the purge point, or {@code null}
 * @param logicalPurge whether purged records stay readable (logical purge mode)
 */
record PartitionView(List<ChunkView> closed, ChunkView active, Long lastPurgeId, StoredRecord lastRecord,
        boolean logicalPurge) {

    int chunkCount() {
        return closed.size() + (active == null ? 0 : 1);
    }

    ChunkView chunk(int i) {
        return i < closed.size() ? closed.get(i) : active;
    }
}
