package io.timevault.raft;

import io.timevault.store.Partition;
import io.timevault.store.StoredRecord;
import io.timevault.store.TimevaultException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads entries straight from the partition, never through the writer queue: the partition is thread-safe and an
 * appended record is readable once {@code partition.append} returned, so a read never waits behind an fsync.
 * Stateless, so one instance serves every caller of {@code getLogReader()}.
 */
final class PartitionLogReader<D> implements RaftLogReader<D> {

    private final Partition partition;
    private final RecordDecoder<D> decoder;
    private final LogWriter writer;

    PartitionLogReader(Partition partition, RecordDecoder<D> decoder, LogWriter writer) {
        this.partition = partition;
        this.decoder = decoder;
        this.writer = writer;
    }

    @Override
    public List<Entry<D>> tryGetLogEntries(long startInclusive, long endExclusive) {
        checkOpen(writer, partition, ErrorSubject.LOGS);
        if (Long.compareUnsigned(startInclusive, endExclusive) >= 0) {
            return List.of();
        }
        List<StoredRecord> records;
        try {
            records = partition.readRange(startInclusive, endExclusive - 1);
        } catch (TimevaultException e) {
            throw new StorageException(ErrorSubject.LOGS, ErrorVerb.READ, "partition " + partition.id()
                    + ": reading [" + Long.toUnsignedString(startInclusive) + ", " + Long.toUnsignedString(endExclusive)
                    + ") failed: " + e.getMessage(), e);
        }
        List<Entry<D>> entries = new ArrayList<>(records.size());
        for (StoredRecord record : records) {
            entries.add(decoder.decode(record));
        }
        return entries;
    }

    static void checkOpen(LogWriter writer, Partition partition, ErrorSubject subject) {
        if (writer.closed()) {
            throw StorageException.defensive(subject, ErrorVerb.READ,
                    "partition " + partition.id() + ": the log storage is closed");
        }
    }
}
