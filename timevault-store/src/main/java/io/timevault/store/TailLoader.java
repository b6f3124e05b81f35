package io.timevault.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Recovers the last chunk of a partition: the only place unsynced bytes can be. Cost is O(index lines + tail),
 * never O(chunk).
 * <ol>
 *   <li>Trust the longest valid prefix of the index (see {@link IndexFile#loadValidPrefix}) that ends on a
 *       record boundary.</li>
 *   <li>Scan the records after it. A bad record with no valid record after it is a torn tail: copy it to
 *       {@code <chunk>.broken-<offset>} and cut it (write mode) or hide it (read-only). A bad record followed by valid ones is corruption of durable data:
 *       {@link CorruptFileException} naming the chunk and the offset.</li>
 *   <li>Re-block the scanned tail with the normal cadence; in write mode force the chunk, then write the new
 *       index lines (a rewrite when the old index had to be cut).</li>
 *   <li>Recover the last record, from the tail or, when the index ends exactly at the end of the chunk, from the
 *       last block (timevault-rs loses it there, spec §7 item 6).</li>
 * </ol>
 */
final class TailLoader {

    private TailLoader() {
    }

    /**
     * The recovered chunk.
     *
     * @param chunk       the writer state, or {@code null} when the chunk file is missing or holds no record
     * @param lastKey     key of the last record
     * @param lastRecord  bytes of the last record
     * @param missingFile whether the chunk file does not exist
     */
    record Result(ActiveChunk chunk, long lastKey, byte[] lastRecord, boolean missingFile) {
    }

    static Result load(PartitionFiles files, ManifestLine line, PartitionConfig config, FormatPlugin format,
            boolean writable, List<RecoveryReport.Repair> repairs) {
        long id = line.chunkId();
        FileChannel ch;
        try {
            ch = writable
                    ? FileChannel.open(files.chunk(id), StandardOpenOption.READ, StandardOpenOption.WRITE)
                    : FileChannel.open(files.chunk(id), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return new Result(null, 0, null, true);
        } catch (IOException e) {
            throw new StorageIOException("open", files.chunk(id), e);
        }
        boolean ok = false;
        try {
            Result r = recover(files, line, config, format, writable, repairs, ch);
            ok = r.chunk() != null;
            return r;
        } catch (IOException e) {
            throw new StorageIOException("recover", files.chunk(id), e);
        } finally {
            if (!ok) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // nothing was written through it
                }
            }
        }
    }

    private static Result recover(PartitionFiles files, ManifestLine line, PartitionConfig config, FormatPlugin format,
            boolean writable, List<RecoveryReport.Repair> repairs, FileChannel ch) throws IOException {
        long id = line.chunkId();
        long length = ch.size();
        IndexFile.Loaded idx = IndexFile.loadValidPrefix(files.index(id), length);
        List<IndexBlock> blocks = new ArrayList<>(idx.blocks());
        String dropped = BlockVerifier.dropUnterminated(ch, files.chunk(id), blocks, idx.dropped());
        int trusted = blocks.size();
        long scanStart = trusted == 0 ? 0 : blocks.get(trusted - 1).end();

        BlockBuilder builder = new BlockBuilder(config);
        RecordScanner s = new RecordScanner(ch, files.chunk(id), format, scanStart, length);
        long lastKey = trusted == 0 ? 0 : blocks.get(trusted - 1).maxKey();
        boolean haveKey = trusted > 0;
        byte[] lastRecord = null;
        while (s.next()) {
            if (haveKey && Long.compareUnsigned(s.key(), lastKey) < 0) {
                throw new CorruptFileException(files.chunk(id), s.offset(), "key " + Long.toUnsignedString(s.key())
                        + " is below the previous key " + Long.toUnsignedString(lastKey));
            }
            lastKey = s.key();
            haveKey = true;
            lastRecord = s.bytes();
            IndexBlock done = s.addTo(builder);
            if (done != null) {
                blocks.add(done);
            }
        }
        long validLength = length;
        if (s.badOffset() >= 0) {
            if (RecordScanner.anyValidRecordAfter(ch, files.chunk(id), format, s.badOffset(), length)) {
                throw new CorruptFileException(files.chunk(id), s.badOffset(), s.badReason() + "; valid records follow, so"
                        + " this is not a torn write");
            }
            validLength = s.badOffset();
            String kept = "";
            if (writable) {
                Path broken = files.broken(id, validLength);
                DurableFiles.copyRange(ch, files.chunk(id), validLength, length, broken);
                kept = "; the cut bytes are kept in " + files.relative(broken);
            }
            repairs.add(new RecoveryReport.Repair(RecoveryReport.RepairKind.TAIL_TRUNCATED, files.relative(files.chunk(id)),
                    validLength, (writable ? "cut " : "hid ") + (length - validLength) + " bytes: " + s.badReason() + kept));
            if (writable) {
                ch.truncate(validLength);
                ch.force(true);
            }
        }
        if (lastRecord == null && trusted > 0) {
            IndexBlock last = blocks.get(trusted - 1);
            RecordScanner b = new RecordScanner(ch, files.chunk(id), format, last.offset(), last.end());
            BlockVerifier crc = new BlockVerifier(files.chunk(id), blocks, trusted - 1);
            while (b.next()) {
                crc.accept(b);
                lastRecord = b.bytes();
                lastKey = b.key();
            }
            if (b.badOffset() >= 0) {
                throw new CorruptFileException(files.chunk(id), b.badOffset(), b.badReason());
            }
        }
        if (lastRecord == null) {
            return new Result(null, 0, null, false);
        }
        boolean rewrite = idx.missing() || dropped != null;
        if (rewrite) {
            repairs.add(new RecoveryReport.Repair(RecoveryReport.RepairKind.INDEX_REBUILT, files.relative(files.index(id)),
                    -1, idx.missing() ? "index file was missing" : dropped));
        }
        int persisted = trusted;
        long indexSize = idx.missing() ? 0 : Files.size(files.index(id));
        if (writable && (rewrite || blocks.size() > trusted)) {
            ch.force(false);
            byte[] all = IndexFile.encode(blocks, 0, blocks.size());
            if (rewrite) {
                DurableFiles.writeAtomically(files.index(id), files.indexTemp(id), all);
                persisted = blocks.size();
                indexSize = all.length;
            }
        }
        ActiveChunk chunk = new ActiveChunk(files, line, ch, config, validLength, lastKey, blocks, persisted, indexSize,
                builder);
        if (writable && blocks.size() > persisted) {
            chunk.persistIndex(blocks.size());
        }
        return new Result(chunk, lastKey, lastRecord, false);
    }

    /** Whether {@code end} is a record boundary: 0, or just after an LF. */
    static boolean endsWithTerminator(FileChannel ch, long end) throws IOException {
        if (end == 0) {
            return true;
        }
        ByteBuffer one = ByteBuffer.allocate(1);
        return ch.read(one, end - 1) == 1 && one.get(0) == '\n';
    }

    static boolean exists(PartitionFiles files, long chunkId) {
        return Files.exists(files.chunk(chunkId));
    }
}
