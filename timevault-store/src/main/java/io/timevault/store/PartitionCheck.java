package io.timevault.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.zip.CRC32C;

/**
 * A full, read-only check of one partition directory: every file read to its end, nothing written, no lock taken
 * (it works beside a running writer; what that writer appends after the check started may show up as a torn tail).
 * Unlike opening a partition, which costs O(chunks + tail), this reads every byte: metadata, manifest against
 * chunks, every record's framing and key order, every index line against the records it claims (offsets, keys,
 * CRC-32C), temp and orphan files, a pending purge. Each problem is a {@link Finding}; the check goes on after one.
 *
 * <p>Thread rule: stateless; one call per partition.
 */
public final class PartitionCheck {

    private PartitionCheck() {
    }

    /**
     * Checks the partition in {@code dir}.
     *
     * @param progress told the number of chunk bytes checked, chunk by chunk (for a progress bar)
     */
    public static List<Finding> verify(Path dir, LongConsumer progress) {
        PartitionFiles files = new PartitionFiles(dir);
        List<Finding> out = new ArrayList<>();
        Metadata metadata;
        try {
            metadata = Metadata.parse(DurableFiles.readIfExists(files.metadata())
                    .orElseThrow(() -> new MissingFileException(files.metadata())), files.metadata());
        } catch (MissingFileException e) {
            out.add(new Finding(files.metadata(), -1, Finding.Severity.CORRUPT, "missing: the partition's configuration is lost"));
            return out;
        } catch (CorruptFileException e) {
            out.add(new Finding(e.file(), e.offset(), Finding.Severity.CORRUPT, e.getMessage()));
            return out;
        }
        PartitionConfig config = metadata.config();
        FormatPlugin format = FormatPlugins.forName(config.formatPlugin());
        List<ManifestLine> lines = manifest(files, out);
        Long purged = metadata.lastPurgeId();
        // the chunk straddling the purge point keeps its line (min at or below last_purge_id); a whole chunk at or
        // below it is a purge the engine has not finished
        if (purged != null && !config.logicalPurge() && !lines.isEmpty() && lines.get(0).closed()
                && Keys.atMost(lines.get(0).maxOrderKey(), purged)) {
            out.add(new Finding(files.manifest(), -1, Finding.Severity.REPAIRABLE, "purge to last_purge_id "
                    + Long.toUnsignedString(purged) + " is not complete (chunk "
                    + PartitionFiles.hex16(lines.get(0).chunkId()) + " ends at "
                    + Long.toUnsignedString(lines.get(0).maxOrderKey()) + "); repair completes it"));
        }
        long[] previous = {-1, 0}; // {have a key (1) or not (-1), key}
        for (int i = 0; i < lines.size(); i++) {
            chunk(files, lines.get(i), i == lines.size() - 1, config, format, previous, out, progress);
        }
        leftovers(files, lines, out);
        return out;
    }

    private static List<ManifestLine> manifest(PartitionFiles files, List<Finding> out) {
        if (!Files.exists(files.manifest())) {
            if (PartitionOpener.hasChunkFiles(files)) {
                out.add(new Finding(files.manifest(), -1, Finding.Severity.REPAIRABLE,
                        "missing while chunk files exist; repair rebuilds it from the chunks"));
            }
            return List.of();
        }
        try {
            Manifest.Loaded m = Manifest.load(files);
            if (m.tornTail() >= 0) {
                out.add(new Finding(files.manifest(), m.tornTail(), Finding.Severity.REPAIRABLE,
                        "torn last line; repair drops it"));
            }
            return m.lines();
        } catch (CorruptFileException e) {
            out.add(new Finding(e.file(), e.offset(), Finding.Severity.CORRUPT, e.getMessage()));
            return List.of();
        }
    }

    private static void chunk(PartitionFiles files, ManifestLine line, boolean last, PartitionConfig config,
            FormatPlugin format, long[] previous, List<Finding> out, LongConsumer progress) {
        Path chunk = files.chunk(line.chunkId());
        try (FileChannel ch = FileChannel.open(chunk, StandardOpenOption.READ)) {
            long length = ch.size();
            List<IndexBlock> index = index(files, line, length, out);
            List<long[]> records = records(ch, chunk, line, last, format, previous, length, out);
            blocks(ch, chunk, files.index(line.chunkId()), index, records, out);
            long covered = index.isEmpty() ? 0 : index.get(index.size() - 1).end();
            long end = records.isEmpty() ? 0 : records.get(records.size() - 1)[0] + records.get(records.size() - 1)[1];
            if (line.closed() && covered < end && Files.exists(files.index(line.chunkId()))) {
                out.add(new Finding(files.index(line.chunkId()), -1, Finding.Severity.REPAIRABLE, "covers " + covered
                        + " of the closed chunk's " + end + " bytes; reads rebuild the rest in memory, repair rewrites it"));
            }
            progress.accept(length);
        } catch (NoSuchFileException e) {
            out.add(new Finding(chunk, -1, last && !line.closed() ? Finding.Severity.REPAIRABLE : Finding.Severity.CORRUPT,
                    "missing, but listed in the manifest" + (last && !line.closed() ? " as the open chunk (an interrupted"
                    + " roll; repair removes the line)" : ": its records are lost")));
        } catch (IOException e) {
            out.add(new Finding(chunk, -1, Finding.Severity.CORRUPT, "cannot be read: " + e));
        }
    }

    private static List<IndexBlock> index(PartitionFiles files, ManifestLine line, long length, List<Finding> out) {
        Path index = files.index(line.chunkId());
        IndexFile.Loaded idx = IndexFile.loadValidPrefix(index, length);
        if (idx.missing()) {
            out.add(new Finding(index, -1, Finding.Severity.REPAIRABLE, "missing; repair rebuilds it from the chunk"));
        } else if (idx.dropped() != null) {
            out.add(new Finding(index, -1, Finding.Severity.REPAIRABLE, idx.dropped() + "; repair rebuilds the index from"
                    + " the chunk"));
        }
        return idx.blocks();
    }

    /** Scans every record; returns {offset, length, key} of each. */
    private static List<long[]> records(FileChannel ch, Path chunk, ManifestLine line, boolean last, FormatPlugin format,
            long[] previous, long length, List<Finding> out) throws IOException {
        List<long[]> records = new ArrayList<>();
        RecordScanner s = new RecordScanner(ch, chunk, format, 0, length);
        while (s.next()) {
            long key = s.key();
            if (previous[0] > 0 && Long.compareUnsigned(key, previous[1]) < 0) {
                out.add(new Finding(chunk, s.offset(), Finding.Severity.CORRUPT, "key " + Long.toUnsignedString(key)
                        + " is below the previous key " + Long.toUnsignedString(previous[1])));
            }
            if (line.closed() && Long.compareUnsigned(key, line.maxOrderKey()) > 0) {
                out.add(new Finding(chunk, s.offset(), Finding.Severity.CORRUPT, "key " + Long.toUnsignedString(key)
                        + " is above the manifest's max_order_key " + Long.toUnsignedString(line.maxOrderKey())));
            }
            previous[0] = 1;
            previous[1] = key;
            records.add(new long[] {s.offset(), s.length(), key});
        }
        if (s.badOffset() >= 0) {
            boolean torn = last && !RecordScanner.anyValidRecordAfter(ch, chunk, format, s.badOffset(), length);
            out.add(new Finding(chunk, s.badOffset(), torn ? Finding.Severity.REPAIRABLE : Finding.Severity.CORRUPT,
                    torn ? "torn tail of " + (length - s.badOffset()) + " bytes (" + s.badReason() + "); repair cuts it and"
                            + " keeps the bytes in " + PartitionFiles.hex16(line.chunkId()) + PartitionFiles.CHUNK_SUFFIX
                            + PartitionFiles.BROKEN_INFIX + s.badOffset()
                            : "bad record (" + s.badReason() + ")" + (last ? "; valid records follow, so this is not a"
                            + " torn write" : " in a closed chunk")));
        }
        if (line.closed() && !records.isEmpty() && records.get(records.size() - 1)[2] != line.maxOrderKey()) {
            out.add(new Finding(chunk, -1, Finding.Severity.CORRUPT, "ends with key "
                    + Long.toUnsignedString(records.get(records.size() - 1)[2]) + " but its manifest line says max_order_key "
                    + Long.toUnsignedString(line.maxOrderKey()) + ": durable records were lost"));
        }
        if (records.isEmpty() && s.badOffset() < 0 && line.closed()) {
            out.add(new Finding(chunk, -1, Finding.Severity.CORRUPT, "holds no record but its manifest line is closed"));
        }
        return records;
    }

    /** Every index line against the records: boundaries, keys and CRC-32C. */
    private static void blocks(FileChannel ch, Path chunk, Path indexFile, List<IndexBlock> index, List<long[]> records,
            List<Finding> out) throws IOException {
        int r = 0;
        for (int i = 0; i < index.size(); i++) {
            IndexBlock b = index.get(i);
            while (r < records.size() && records.get(r)[0] < b.offset()) {
                r++;
            }
            if (r >= records.size() || records.get(r)[0] != b.offset()) {
                out.add(new Finding(indexFile, -1, Finding.Severity.REPAIRABLE, b.describe(i)
                        + " does not start on a record of the chunk (the record scan stopped earlier or the line is wrong)"));
                return;
            }
            long min = records.get(r)[2];
            long max = min;
            while (r < records.size() && records.get(r)[0] + records.get(r)[1] <= b.end()) {
                max = Long.compareUnsigned(records.get(r)[2], max) > 0 ? records.get(r)[2] : max;
                r++;
            }
            long end = r == 0 ? 0 : records.get(r - 1)[0] + records.get(r - 1)[1];
            if (b.hasCrc()) {
                long actual = crc(ch, b);
                if (actual != b.crc32c()) {
                    out.add(new Finding(chunk, b.offset(), Finding.Severity.CORRUPT, "CRC-32C mismatch in " + b.describe(i)
                            + ": the index says " + b.crc32c() + ", the bytes give " + actual));
                    continue;
                }
            }
            // a min below the first key only widens the block (timevault-rs's first line after a restart)
            if (end != b.end() || Long.compareUnsigned(b.minKey(), min) > 0 || max != b.maxKey()) {
                out.add(new Finding(indexFile, -1, Finding.Severity.REPAIRABLE, "line " + i + " " + b.toJson()
                        + " does not match the chunk's records (keys " + Long.toUnsignedString(min) + ".."
                        + Long.toUnsignedString(max) + ", ending at " + end + "); repair rebuilds the index"));
            }
        }
    }

    private static long crc(FileChannel ch, IndexBlock b) throws IOException {
        CRC32C c = new CRC32C();
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(256 * 1024, Math.max(1, b.length())));
        long pos = b.offset();
        while (pos < b.end()) {
            buf.clear().limit((int) Math.min(buf.capacity(), b.end() - pos));
            int n = ch.read(buf, pos);
            if (n <= 0) {
                break;
            }
            buf.flip();
            c.update(buf);
            pos += n;
        }
        return c.getValue();
    }

    private static void leftovers(PartitionFiles files, List<ManifestLine> lines, List<Finding> out) {
        for (Path temp : List.of(files.manifestTemp(), files.metadata().resolveSibling(PartitionFiles.METADATA
                + PartitionFiles.TMP_SUFFIX))) {
            if (Files.exists(temp)) {
                out.add(new Finding(temp, -1, Finding.Severity.REPAIRABLE, "leftover of an interrupted atomic write; repair"
                        + " removes it"));
            }
        }
        if (!Files.isDirectory(files.chunksDir())) {
            return;
        }
        Set<Long> live = new HashSet<>();
        lines.forEach(l -> live.add(l.chunkId()));
        boolean manifestKnown = Files.exists(files.manifest());
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(files.chunksDir())) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                OptionalLong id = PartitionFiles.chunkIdOf(name);
                if (name.endsWith(PartitionFiles.TMP_SUFFIX)) {
                    out.add(new Finding(p, -1, Finding.Severity.REPAIRABLE, "leftover of an interrupted atomic write;"
                            + " repair removes it"));
                } else if (id.isPresent() && manifestKnown && !live.contains(id.getAsLong())) {
                    out.add(new Finding(p, -1, Finding.Severity.REPAIRABLE, "not listed in the manifest (an interrupted"
                            + " roll, purge or truncate); repair removes it"));
                }
            }
        } catch (IOException e) {
            throw new StorageIOException("list", files.chunksDir(), e);
        }
    }
}
