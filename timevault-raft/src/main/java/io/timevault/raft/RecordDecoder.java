package io.timevault.raft;

import io.timevault.store.Partition;
import io.timevault.store.StoredRecord;

/**
 * Decodes stored records into entries, turning any decoding problem into a {@link StorageException} that names
 * the partition and the index (the record's order key), and checking that the entry sits at its key.
 */
final class RecordDecoder<D> {

    private final Partition partition;
    private final RaftRecordCodec<D> codec;

    RecordDecoder(Partition partition, RaftRecordCodec<D> codec) {
        this.partition = partition;
        this.codec = codec;
    }

    Entry<D> decode(StoredRecord record) {
        Entry<D> entry;
        try {
            entry = codec.decode(record.bytes(), 0, record.bytes().length);
        } catch (RaftRecordException e) {
            throw corrupt(record, e.getMessage(), e);
        }
        if (entry.index() != record.key()) {
            throw corrupt(record, "entry " + entry.logId() + " is stored at key " + Long.toUnsignedString(record.key()), null);
        }
        return entry;
    }

    private StorageException corrupt(StoredRecord record, String what, Throwable cause) {
        String detail = "partition " + partition.id() + " (" + partition.directory() + "), record at index "
                + Long.toUnsignedString(record.key()) + " is not a valid Raft entry: " + what;
        return StorageException.defensive(new ErrorSubject.LogIndex(record.key()), ErrorVerb.READ, detail, cause);
    }
}
