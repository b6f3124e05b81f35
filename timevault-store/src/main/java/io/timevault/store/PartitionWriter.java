package io.timevault.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The mutable side of a partition: closed chunks, the active chunk and the last record, and the file operations
 * that change them — append with roll (spec §3.5), purge (§3.9, redesigned) and truncate (§3.10).
 *
 * <p>Crash ordering, operation by operation:
 * <ul>
 *   <li>roll: force the old chunk, write its last index lines, create the new (empty) chunk and index files and
 *       fsync the directory, then ONE atomic manifest rewrite (old line closed, new line open). A crash before the
 *       rewrite leaves empty orphan files, which open removes.</li>
 *   <li>purge: metadata.json (the logical head) is already durable when this runs; then one manifest rewrite
 *       dropping the chunks wholly at or below the cutoff, then unlinks; the straddling chunk is left as it is
 *       (readers hide its purged head). A crash in between is finished by the next open.</li>
 *   <li>truncate: one manifest rewrite dropping the later chunks, then the cut of the straddling chunk (set length
 *       + fsync), then its index, then unlinks. A crash in between leaves a consistent prefix of the log: no hole,
 *       possibly more of the straddling chunk than asked, which the caller re-truncates.</li>
 * </ul>
 *
 * <p>Not thread-safe: every method runs under the partition's write lock (purge and truncate also under the
 * exclusive file lock).
 */
final class PartitionWriter {

    private final PartitionFiles files;
    private final PartitionConfig config;
    private final FormatPlugin format;
    private final ChannelCache channels;
    private final List<ChunkView> closed;
    private List<ChunkView> closedSnapshot;
    private ActiveChunk active;
    private long lastKey;
    private byte[] lastRecord;
    private volatile long appends;
    private volatile long bytes;

    /**
     * A point a sync makes durable: the active chunk, its size and how many of its blocks the index may then list.
     */
    record SyncPoint(ActiveChunk chunk, long size, int blocks) {
    }

    PartitionWriter(PartitionFiles files, PartitionConfig config, FormatPlugin format, ChannelCache channels,
            List<ChunkView> closed, TailLoader.Result tail) {
        this.files = files;
        this.config = config;
        this.format = format;
        this.channels = channels;
        this.closed = new ArrayList<>(closed);
        this.closedSnapshot = List.copyOf(closed);
        if (tail != null) {
            adoptTail(tail);
        }
    }

    private void adoptTail(TailLoader.Result tail) {
        active = tail.chunk();
        lastKey = tail.lastKey();
        lastRecord = tail.lastRecord();
        channels.put(active.id(), active.channel);
    }

    /**
     * Appends records in order with one gathering write per chunk touched. Every record is checked before any
     * byte is written, so an out-of-order key anywhere in the batch writes nothing.
     *
     * @return the chunk offset of each record (for a skipped duplicate: the chunk size at that point)
     */
    long[] append(List<StoredRecord> records) throws IOException {
        checkOrder(records);
        long[] offsets = new long[records.size()];
        List<ByteBuffer> staged = new ArrayList<>(records.size());
        long stagedFrom = -1;
        for (int i = 0; i < records.size(); i++) {
            StoredRecord r = records.get(i);
            long key = r.key();
            byte[] record = r.bytes();
            if (lastRecord != null && key == lastKey && Arrays.equals(record, lastRecord)) {
                offsets[i] = active.size;
                continue;
            }
            long len = record.length;
            boolean newChunk = active == null || active.line.closed() || shouldRoll(key, len);
            if (newChunk) {
                writeStaged(staged, stagedFrom);
                staged.clear();
                stagedFrom = -1;
                if (active == null) {
                    startChunk(key);
                } else if (active.line.closed() && !shouldRoll(key, len)) {
                    // spec §7 item 9: never append behind a closed last line; reopen it first
                    active.line = active.line.reopen();
                    writeManifest();
                } else {
                    roll(key);
                }
            }
            ActiveChunk a = active;
            long offset = a.size;
            if (stagedFrom < 0) {
                stagedFrom = offset;
            }
            staged.add(ByteBuffer.wrap(record));
            offsets[i] = offset;
            a.size += len;
            IndexBlock done = a.builder.add(key, offset, record, 0, record.length);
            if (done != null) {
                a.addBlock(done);
            }
            if (Long.compareUnsigned(key, a.maxKey) > 0) {
                a.maxKey = key;
            }
            lastKey = key;
            lastRecord = record;
            appends++;
            bytes += len;
        }
        writeStaged(staged, stagedFrom);
        return offsets;
    }

    private void checkOrder(List<StoredRecord> records) {
        boolean have = lastRecord != null;
        long prev = lastKey;
        for (StoredRecord r : records) {
            if (have && Long.compareUnsigned(r.key(), prev) < 0) {
                throw new OutOfOrderAppendException(r.key(), prev, "is below the last key " + Long.toUnsignedString(prev));
            }
            have = true;
            prev = r.key();
        }
    }

    private void writeStaged(List<ByteBuffer> staged, long position) throws IOException {
        if (staged.isEmpty()) {
            return;
        }
        FileChannel ch = active.channel;
        ByteBuffer[] bufs = staged.toArray(new ByteBuffer[0]);
        long pos = position;
        int first = 0;
        while (first < bufs.length) {
            // FileChannel has no positional gathering write; the channel's own position is ours alone (writer lock)
            ch.position(pos);
            pos += ch.write(bufs, first, bufs.length - first);
            while (first < bufs.length && !bufs[first].hasRemaining()) {
                first++;
            }
        }
    }

    /** timevault-rs's roll rule, in its precedence (spec §3.5 step 5). */
    private boolean shouldRoll(long key, long len) {
        long maxBytes = config.chunkRoll().maxBytes();
        ActiveChunk a = active;
        if (a.size == 0 && maxBytes != 0 && Long.compareUnsigned(len, maxBytes) > 0) {
            return false;
        }
        if (key == a.maxKey) {
            return false;
        }
        if (maxBytes != 0 && Long.compareUnsigned(a.size + len, maxBytes) >= 0) {
            return true;
        }
        long span = config.keyIsTimestamp() ? Keys.hoursToMillis(config.chunkRoll().maxHours()) : 0;
        return span != 0 && Long.compareUnsigned(Keys.saturatingSub(key, a.line.minOrderKey()), span) >= 0;
    }

    private void roll(long key) throws IOException {
        ActiveChunk old = active;
        IndexBlock pending = old.builder.takeIfAny();
        if (pending != null) {
            old.addBlock(pending);
        }
        old.channel.force(false);
        old.persistIndex(old.blockCount());
        old.forceIndex();
        old.closeIndex();
        old.sealed = true;
        channels.remove(old.id()); // readers reopen it read-only on demand
        ManifestLine closedLine = old.line.close(old.maxKey);
        closed.add(new ChunkView(closedLine, old.maxKey, old.size, old.blocks(), null));
        closedSnapshot = List.copyOf(closed);
        active = null;
        startChunk(key);
    }

    private void startChunk(long key) throws IOException {
        DurableFiles.createDirectories(files.chunksDir());
        try (FileChannel index = FileChannel.open(files.index(key), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            index.force(true);
        }
        FileChannel ch = FileChannel.open(files.chunk(key), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        DurableFiles.fsyncDirectory(files.chunksDir());
        active = new ActiveChunk(files, ManifestLine.open(key, key), ch, config, 0, key, List.of(), 0, 0, null);
        channels.put(key, ch);
        writeManifest();
    }

    private void writeManifest() {
        List<ManifestLine> lines = new ArrayList<>(closed.size() + 1);
        closed.forEach(c -> lines.add(c.line()));
        if (active != null) {
            lines.add(active.line);
        }
        Manifest.write(files, lines);
    }

    SyncPoint syncPoint() {
        return active == null ? null : new SyncPoint(active, active.size, active.blockCount());
    }

    /** Whether a chunk lies wholly at or below {@code cutoff} (a purge interrupted before its manifest rewrite). */
    boolean hasPurgeable(long cutoff) {
        return (!closed.isEmpty() && Keys.atMost(closed.get(0).maxKey(), cutoff))
                || (active != null && Keys.atMost(lastKey, cutoff));
    }

    /**
     * Deletes the chunks wholly at or below {@code cutoff} (one manifest rewrite, then unlinks). The chunk that
     * straddles the cutoff keeps its bytes, its index and its manifest line: its {@code min_order_key} still names
     * its first record, at or below {@code last_purge_id}, which is exactly the state timevault-rs leaves when a
     * purge stops after its metadata write, so timevault-rs completes the purge physically when it opens the
     * partition (spec §3.3 step 2). Readers here hide the purged head by the purge point.
     */
    void removePurged(long cutoff) throws IOException {
        List<Long> deleted = new ArrayList<>();
        while (!closed.isEmpty() && Keys.atMost(closed.get(0).maxKey(), cutoff)) {
            deleted.add(closed.remove(0).id());
        }
        if (active != null && closed.isEmpty() && Keys.atMost(lastKey, cutoff)) {
            deleted.add(active.id());
            active.closeIndex();
            active = null;
            lastRecord = null;
        }
        if (!deleted.isEmpty()) {
            closedSnapshot = List.copyOf(closed);
            writeManifest();
            deleteChunkFiles(deleted);
        }
    }

    /** Removes every record with a key at or above {@code cutoff}. */
    void truncate(long cutoff) throws IOException {
        if (lastRecord == null || Long.compareUnsigned(lastKey, cutoff) < 0) {
            return;
        }
        List<ChunkView> chunks = new ArrayList<>(closed);
        chunks.add(active.view());
        int i = 0;
        while (Long.compareUnsigned(chunks.get(i).maxKey(), cutoff) < 0) {
            i++;
        }
        ChunkView straddling = chunks.get(i);
        Cut cut = Keys.atMost(cutoff, straddling.minKey()) ? null : findCut(straddling, cutoff);
        List<ChunkView> kept = new ArrayList<>(chunks.subList(0, i));
        List<Long> deleted = new ArrayList<>();
        for (int j = cut == null ? i : i + 1; j < chunks.size(); j++) {
            deleted.add(chunks.get(j).id());
        }
        List<ManifestLine> lines = new ArrayList<>();
        kept.forEach(c -> lines.add(c.line()));
        if (cut != null) {
            ManifestLine l = straddling.line();
            lines.add(l.closed() ? l.close(cut.lastKeptKey()) : l);
        }
        List<IndexBlock> keptBlocks = new ArrayList<>();
        if (cut != null) {
            for (IndexBlock b : straddling.indexBlocks()) {
                if (b.end() <= cut.offset()) {
                    keptBlocks.add(b);
                }
            }
        }
        Manifest.write(files, lines);

        active.closeIndex();
        if (cut != null) {
            long id = straddling.id();
            channels.remove(id);
            try (FileChannel ch = FileChannel.open(files.chunk(id), StandardOpenOption.WRITE)) {
                ch.truncate(cut.offset());
                ch.force(true);
            }
            DurableFiles.writeAtomically(files.index(id), files.indexTemp(id),
                    IndexFile.encode(keptBlocks, 0, keptBlocks.size()));
        }
        deleteChunkFiles(deleted);

        closed.clear();
        active = null;
        lastRecord = null;
        if (!lines.isEmpty()) {
            closed.addAll(kept.subList(0, cut == null ? Math.max(0, kept.size() - 1) : kept.size()));
            ManifestLine last = lines.get(lines.size() - 1);
            channels.remove(last.chunkId());
            TailLoader.Result tail = TailLoader.load(files, last, config, format, true, new ArrayList<>());
            if (tail.chunk() == null) {
                throw new CorruptFileException(files.chunk(last.chunkId()), -1, "chunk holds no record after truncate");
            }
            adoptTail(tail);
            if (active.line.closed()) {
                // like timevault-rs, a chunk that stays closed keeps an index covering all of it
                IndexBlock pending = active.builder.takeIfAny();
                if (pending != null) {
                    active.addBlock(pending);
                    active.persistIndex(active.blockCount());
                    active.forceIndex();
                }
            }
        }
        closedSnapshot = List.copyOf(closed);
    }

    /** Where a truncate cuts a chunk: the offset of the first record at or above the cutoff. */
    private record Cut(long offset, long lastKeptKey) {
    }

    private Cut findCut(ChunkView c, long cutoff) throws IOException {
        List<IndexBlock> blocks = c.indexBlocks();
        int b = RangeReader.firstBlockReaching(blocks, cutoff);
        long start = RangeReader.startOf(blocks, b);
        long prevKey = b > 0 ? blocks.get(b - 1).maxKey() : 0;
        RecordScanner s = new RecordScanner(channels.get(c.id()), files.chunk(c.id()), format, start, c.length());
        while (s.next()) {
            if (Long.compareUnsigned(s.key(), cutoff) >= 0) {
                return s.offset() == 0 ? null : new Cut(s.offset(), prevKey);
            }
            prevKey = s.key();
        }
        if (s.badOffset() >= 0) {
            throw new CorruptFileException(files.chunk(c.id()), s.badOffset(), s.badReason());
        }
        return new Cut(c.length(), prevKey);
    }

    private void deleteChunkFiles(List<Long> ids) throws IOException {
        for (long id : ids) {
            channels.remove(id);
            Files.deleteIfExists(files.chunk(id));
            Files.deleteIfExists(files.index(id));
        }
        if (!ids.isEmpty()) {
            DurableFiles.fsyncDirectory(files.chunksDir());
        }
    }

    long activeId() {
        return active == null ? 0 : active.id();
    }

    StoredRecord lastRecord() {
        return lastRecord == null ? null : new StoredRecord(lastKey, lastRecord);
    }

    List<ChunkView> closedViews() {
        return closedSnapshot;
    }

    ChunkView activeView() {
        return active == null ? null : active.view();
    }

    long appends() {
        return appends;
    }

    long bytes() {
        return bytes;
    }

    void close() {
        if (active != null) {
            try {
                active.closeIndex();
            } catch (IOException ignored) {
                // the index channel was forced by the last sync; closing it loses nothing
            }
        }
    }
}
