package io.timevault.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One timevault partition: an append-only sequence of records ordered by an unsigned 64-bit key, stored in
 * chunk files listed by {@code manifest.jsonl} (see the package documentation for the files).
 *
 * <p>Durability: {@link #append} makes a record readable; {@link #sync()} makes every record appended before it
 * durable (one fsync of the chunk, after which the index lines covering it are written; the index is derived
 * data and is rebuilt from the chunk if a power failure loses its tail). {@link #purge} and {@link #truncate} are
 * durable when they return. Rolls, purges and truncates change the manifest by one atomic rewrite each.
 *
 * <p>Thread rule: append, purge and truncate are mutually exclusive (the write lock). {@code sync} forces the chunk
 * without the write lock, so appends continue while an fsync runs (group commit). Readers never take the write
 * lock: they read an immutable snapshot published through a volatile field, and hold a shared file lock only so a
 * purge or truncate can not delete or cut a file under them. After an I/O error during a write the partition is
 * fenced: every later write throws {@link PartitionClosedException} with the original cause; reopen to recover.
 */
public final class Partition implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Partition.class);
    private static final long SLOW_SYNC_NANOS = 1_000_000_000L;

    private final UUID id;
    private final PartitionFiles files;
    private final boolean readOnly;
    private final FormatPlugin format;
    private final RecoveryReport recoveryReport;
    private final ChannelCache channels;
    private final Consumer<Partition> onClose;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock syncLock = new ReentrantLock();
    private final ReentrantReadWriteLock fileLock = new ReentrantReadWriteLock();

    // writer state, guarded by writeLock
    private Metadata metadata;
    private final PartitionWriter writer;

    private volatile PartitionView view;
    private volatile Throwable failure;
    private volatile boolean closed;
    private volatile long syncs;
    /** The last point a sync made durable; guarded by syncLock. A sync with nothing new since then is free. */
    private PartitionWriter.SyncPoint synced;

    Partition(UUID id, Path dir, boolean readOnly, Consumer<Partition> onClose) {
        this.id = id;
        this.files = new PartitionFiles(dir);
        this.readOnly = readOnly;
        this.onClose = onClose;
        this.channels = new ChannelCache(files);
        PartitionOpener.Opened opened;
        try {
            opened = PartitionOpener.open(files, readOnly, channels);
        } catch (RuntimeException e) {
            channels.close();
            throw e;
        }
        this.metadata = opened.metadata();
        this.format = FormatPlugins.forName(metadata.config().formatPlugin());
        this.writer = new PartitionWriter(files, metadata.config(), format, channels, opened.closed(), opened.tail());
        List<RecoveryReport.Repair> repairs = new ArrayList<>(opened.repairs());
        Long purged = metadata.lastPurgeId();
        if (!readOnly && purged != null && !metadata.config().logicalPurge() && writer.hasPurgeable(purged)) {
            try {
                writer.removePurged(purged);
            } catch (IOException e) {
                channels.close();
                throw new StorageIOException("complete purge", files.dir(), e);
            }
            repairs.add(new RecoveryReport.Repair(RecoveryReport.RepairKind.PURGE_COMPLETED, PartitionFiles.MANIFEST, -1,
                    "removed chunks at or below last_purge_id " + Long.toUnsignedString(purged)));
        }
        this.recoveryReport = new RecoveryReport(repairs);
        if (!recoveryReport.clean()) {
            log.warn("partition {} repaired on open: {}", id, recoveryReport.repairs());
        }
        publish();
    }

    public UUID id() {
        return id;
    }

    public Path directory() {
        return files.dir();
    }

    public PartitionConfig config() {
        return metadata.config();
    }

    public boolean readOnly() {
        return readOnly;
    }

    public FormatPlugin format() {
        return format;
    }

    /** What opening this partition found and repaired. */
    public RecoveryReport recoveryReport() {
        return recoveryReport;
    }

    /**
     * Appends one record: exactly one complete record of the partition's format whose embedded key is
     * {@code orderKey}. Readable by {@link #readRange} once this returns; durable after the next {@link #sync()}.
     * An identical repeat of the last record is skipped (as in timevault-rs).
     *
     * @return the record's byte offset in its chunk
     * @throws OutOfOrderAppendException when the key is below the last key, or at or below the purge point
     * @throws InvalidRecordException    when the bytes are not one record of the format, or carry another key
     */
    public long append(long orderKey, byte[] record) {
        Objects.requireNonNull(record, "record");
        return appendAll(List.of(new StoredRecord(orderKey, record.clone())))[0];
    }

    /**
     * Appends records in order, as {@link #append} does one by one, with one write system call per chunk touched.
     * Every record is validated first: if any is invalid or out of order, nothing is written. The arrays are
     * kept by the partition; callers must not modify them afterwards.
     *
     * @return each record's byte offset in its chunk
     */
    public long[] appendAll(List<StoredRecord> records) {
        checkWritable();
        for (StoredRecord r : records) {
            long embedded = format.orderKey(r.bytes(), 0, r.bytes().length);
            if (embedded != r.key()) {
                throw new InvalidRecordException("record key " + Long.toUnsignedString(embedded) + " does not match orderKey "
                        + Long.toUnsignedString(r.key()));
            }
        }
        writeLock.lock();
        try {
            checkUsable();
            Long purged = metadata.lastPurgeId();
            if (!records.isEmpty() && purged != null && Keys.atMost(records.get(0).key(), purged)) {
                long key = records.get(0).key();
                throw new OutOfOrderAppendException(key, purged + 1,
                        "is at or below the purge point " + Long.toUnsignedString(purged));
            }
            long[] offsets;
            try {
                offsets = writer.append(records);
            } catch (IOException e) {
                throw fail("append to", files.chunk(writer.activeId()), e);
            } catch (StorageIOException e) {
                failure = e;
                throw e;
            }
            publish();
            return offsets;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Makes every record appended before this call durable: forces the open chunk, then writes the index lines
     * that cover it (not forced: see the class comment). Appends may run while the force is under way; they are covered by the next sync.
     */
    public void sync() {
        checkWritable();
        syncLock.lock();
        try {
            PartitionWriter.SyncPoint point;
            writeLock.lock();
            try {
                checkUsable();
                point = writer.syncPoint();
            } finally {
                writeLock.unlock();
            }
            syncTo(point);
        } finally {
            syncLock.unlock();
        }
    }

    /** Forces the chunk up to {@code point} and writes its index lines; caller holds syncLock. */
    private void syncTo(PartitionWriter.SyncPoint point) {
        if (point == null || (synced != null && synced.chunk() == point.chunk() && synced.size() == point.size()
                && synced.blocks() == point.blocks())) {
            return;
        }
        long start = System.nanoTime();
        try {
            point.chunk().channel.force(false);
            point.chunk().persistIndex(point.blocks());
        } catch (java.nio.channels.ClosedChannelException e) {
            if (!point.chunk().sealed) {
                throw fail("fsync", files.chunk(point.chunk().id()), e);
            }
            // a roll forced this chunk and its index, then closed it: what we wanted is already durable
        } catch (IOException e) {
            throw fail("fsync", files.chunk(point.chunk().id()), e);
        }
        long took = System.nanoTime() - start;
        if (took > SLOW_SYNC_NANOS) {
            log.warn("slow fsync of partition {}: {} ms", id, took / 1_000_000);
        }
        syncs++;
        synced = point;
    }

    /**
     * The records with {@code fromKey <= key <= toKey} (unsigned, inclusive), above the purge point, in key order.
     * Uses the in-memory index: a binary search for the first block, then reads only the blocks that overlap.
     *
     * @throws InvalidRangeException when {@code fromKey > toKey}
     */
    public List<StoredRecord> readRange(long fromKey, long toKey) {
        if (Long.compareUnsigned(fromKey, toKey) > 0) {
            throw new InvalidRangeException(fromKey, toKey);
        }
        checkOpen();
        fileLock.readLock().lock();
        try {
            return new RangeReader(files, format, channels).read(view, fromKey, toKey);
        } finally {
            fileLock.readLock().unlock();
        }
    }

    /**
     * Removes every record with a key at or below {@code cutoff}; durable on return. The purge point only moves
     * forward: a cutoff at or below it changes nothing. Whole chunks are deleted; the chunk that straddles the
     * cutoff keeps its bytes, index and manifest line, and reads hide its purged head (O(chunks), never a chunk
     * rewrite; timevault-rs completes the purge physically when it opens the partition).
     */
    public void purge(long cutoff) {
        checkWritable();
        exclusive(() -> {
            Long previous = metadata.lastPurgeId();
            if (previous != null && Keys.atMost(cutoff, previous)) {
                return;
            }
            // the purge point must never lie beyond the durable records: force what was appended first
            syncTo(writer.syncPoint());
            Metadata next = metadata.withLastPurgeId(cutoff);
            DurableFiles.writeAtomically(files.metadata(), next.toJson());
            metadata = next;
            if (!next.config().logicalPurge()) {
                writer.removePurged(cutoff);
            }
        }, "purge");
    }

    /** Removes every record with a key at or above {@code cutoff}; durable on return. */
    public void truncate(long cutoff) {
        checkWritable();
        exclusive(() -> {
            writer.truncate(cutoff);
            Long purged = metadata.lastPurgeId();
            if (purged != null && !metadata.config().logicalPurge()) {
                // a cut inside the purged head of the straddling chunk leaves a chunk of purged records only:
                // delete it as a purge would (a crash in between leaves what open completes anyway)
                writer.removePurged(purged);
            }
        }, "truncate");
    }

    /**
     * Calls {@code sink} with every record of {@link #readRange}, chunk by chunk, so a whole log can be streamed
     * without holding it in memory.
     */
    public void scan(long fromKey, long toKey, java.util.function.Consumer<StoredRecord> sink) {
        if (Long.compareUnsigned(fromKey, toKey) > 0) {
            throw new InvalidRangeException(fromKey, toKey);
        }
        checkOpen();
        fileLock.readLock().lock();
        try {
            new RangeReader(files, format, channels).read(view, fromKey, toKey, sink);
        } finally {
            fileLock.readLock().unlock();
        }
    }

    /** The chunks as readers see them now, in key order. */
    public List<ChunkInfo> chunks() {
        PartitionView v = view;
        List<ChunkInfo> out = new ArrayList<>(v.chunkCount());
        for (int i = 0; i < v.chunkCount(); i++) {
            ChunkView c = v.chunk(i);
            out.add(new ChunkInfo(c.id(), c.minKey(), c.maxKey(), c.length(), c == v.active()));
        }
        return out;
    }

    /** The last record above the purge point, if any. */
    public Optional<StoredRecord> lastRecord() {
        return Optional.ofNullable(view.lastRecord());
    }

    /** The highest purged key, if any purge happened. */
    public OptionalLong lastPurgeId() {
        Long p = view.lastPurgeId();
        return p == null ? OptionalLong.empty() : OptionalLong.of(p);
    }

    public PartitionStats stats() {
        PartitionView v = view;
        return new PartitionStats(writer.appends(), writer.bytes(), v.active() == null ? 0 : v.active().length(), syncs,
                v.closed().size() + (v.active() == null ? 0 : 1));
    }

    /** Whether a write failed and fenced this partition. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Syncs (in write mode, unless fenced) and releases the files. Idempotent. */
    @Override
    public void close() {
        syncLock.lock();
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            if (!readOnly && failure == null) {
                PartitionWriter.SyncPoint point = writer.syncPoint();
                if (point != null) {
                    point.chunk().channel.force(false);
                    point.chunk().persistIndex(point.blocks());
                    point.chunk().forceIndex();
                }
            }
        } catch (IOException e) {
            failure = e;
            throw new StorageIOException("fsync on close", files.dir(), e);
        } finally {
            closed = true;
            writer.close();
            channels.close();
            writeLock.unlock();
            syncLock.unlock();
            onClose.accept(this);
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private void exclusive(IoAction action, String what) {
        syncLock.lock();
        writeLock.lock();
        fileLock.writeLock().lock();
        try {
            checkUsable();
            action.run();
            publish();
        } catch (IOException e) {
            throw fail(what, files.dir(), e);
        } catch (StorageIOException e) {
            failure = e;
            throw e;
        } finally {
            fileLock.writeLock().unlock();
            writeLock.unlock();
            syncLock.unlock();
        }
    }

    private void publish() {
        Long purged = metadata.lastPurgeId();
        StoredRecord last = writer.lastRecord();
        if (last != null && purged != null && Keys.atMost(last.key(), purged) && !metadata.config().logicalPurge()) {
            last = null;
        }
        view = new PartitionView(writer.closedViews(), writer.activeView(), purged, last,
                metadata.config().logicalPurge());
    }

    private StorageIOException fail(String what, Path file, IOException e) {
        StorageIOException ex = new StorageIOException(what, file, e);
        failure = ex;
        log.error("partition {} fenced after a failed write", id, ex);
        return ex;
    }

    private void checkWritable() {
        if (readOnly) {
            throw new ReadOnlyException("partition " + id);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new PartitionClosedException("partition " + id + " is closed", null);
        }
    }

    private void checkUsable() {
        checkOpen();
        Throwable f = failure;
        if (f != null) {
            throw new PartitionClosedException("partition " + id + " is fenced after a failed write: " + f.getMessage(), f);
        }
    }

    @Override
    public String toString() {
        return "Partition[" + id + (readOnly ? ", read-only" : "") + "]";
    }
}
