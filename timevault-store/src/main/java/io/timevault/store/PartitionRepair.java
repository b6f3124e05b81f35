package io.timevault.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The operator's repair of one partition (what {@code timevault repair} runs), on a store opened for writing, so
 * under its lock: never beside a running writer. The chunks are the truth; in order:
 * <ol>
 *   <li>a missing {@code manifest.jsonl} is rebuilt from the chunk files (each closed at its last key, the last
 *       one open);</li>
 *   <li>the partition is opened, which completes a pending purge, cuts a torn tail (keeping its
 *       {@code .broken-<offset>} copy), repairs the last chunk's index and removes temp and orphan files;</li>
 *   <li>the index of every chunk is rebuilt from its records when it differs (missing, torn, wrong keys, or
 *       without CRCs), written atomically; an index line whose CRC does not match its chunk is never overwritten
 *       (that would hide damaged data): {@link CorruptFileException}.</li>
 * </ol>
 * A dry run computes the same actions and writes nothing (the open runs on a read-only store, so its repairs
 * stay in memory).
 */
public final class PartitionRepair {

    private PartitionRepair() {
    }

    /**
     * Repairs the partition, or with {@code dryRun} only says what it would do.
     *
     * @param store a store opened for writing (its lock held); for a dry run too, so that it never runs beside a writer
     * @return what was done (or would be), one line each; empty when the partition needed nothing
     * @throws CorruptFileException when durable data is damaged: nothing is repaired past that point
     */
    public static List<String> repair(TimevaultStore store, UUID id, boolean dryRun) {
        if (store.readOnly()) {
            throw new ReadOnlyException("repair needs the store opened for writing (its lock): " + store.root());
        }
        Path dir = store.partitionDirectory(id);
        PartitionFiles files = new PartitionFiles(dir);
        if (!Files.exists(files.metadata())) {
            throw new PartitionNotFoundException(id, dir);
        }
        Metadata metadata = Metadata.parse(DurableFiles.readIfExists(files.metadata()).orElseThrow(), files.metadata());
        PartitionConfig config = metadata.config();
        FormatPlugin format = FormatPlugins.forName(config.formatPlugin());
        List<String> actions = new ArrayList<>();
        List<ManifestLine> lines;
        boolean rebuiltManifest = false;
        if (!Files.exists(files.manifest()) && PartitionOpener.hasChunkFiles(files)) {
            lines = manifestFromChunks(files, format);
            rebuiltManifest = true;
            actions.add(PartitionFiles.MANIFEST + ": rebuilt from " + lines.size() + " chunk files");
            if (!dryRun) {
                Manifest.write(files, lines);
            }
        } else {
            lines = Manifest.load(files).lines();
        }
        if (dryRun && rebuiltManifest) {
            actions.add("(then opening the partition recovers the last chunk, and every index is checked)");
            return actions;
        }
        try (TimevaultStore opener = dryRun ? TimevaultStore.open(store.root(), StoreOptions.READ_ONLY) : null) {
            Partition p = (opener != null ? opener : store).openPartition(id);
            try {
                p.recoveryReport().repairs().forEach(r -> actions.add(r.toString()));
            } finally {
                p.close();
            }
        }
        lines = Manifest.load(files).lines();
        for (int i = 0; i < lines.size(); i++) {
            String done = rebuildIndex(files, lines.get(i), config, format, dryRun, i == lines.size() - 1);
            if (done != null) {
                actions.add(done);
            }
        }
        return actions;
    }

    /** Manifest lines for the chunk files present, in id order: closed at their last key, the last one open. */
    private static List<ManifestLine> manifestFromChunks(PartitionFiles files, FormatPlugin format) {
        List<Long> ids = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(files.chunksDir(), "*" + PartitionFiles.CHUNK_SUFFIX)) {
            for (Path p : ds) {
                OptionalLong id = PartitionFiles.chunkIdOf(p.getFileName().toString());
                id.ifPresent(ids::add);
            }
        } catch (IOException e) {
            throw new StorageIOException("list", files.chunksDir(), e);
        }
        ids.sort(Long::compareUnsigned);
        List<ManifestLine> lines = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            long id = ids.get(i);
            boolean last = i == ids.size() - 1;
            long[] keys = firstAndLastKey(files, id, format, last);
            if (keys == null) {
                continue; // no record: left as an orphan, removed at open
            }
            lines.add(last ? ManifestLine.open(id, keys[0]) : ManifestLine.open(id, keys[0]).close(keys[1]));
        }
        return lines;
    }

    private static long[] firstAndLastKey(PartitionFiles files, long id, FormatPlugin format, boolean last) {
        Path chunk = files.chunk(id);
        try (FileChannel ch = FileChannel.open(chunk, StandardOpenOption.READ)) {
            RecordScanner s = new RecordScanner(ch, chunk, format, 0, ch.size());
            long[] keys = null;
            while (s.next()) {
                keys = keys == null ? new long[] {s.key(), s.key()} : new long[] {keys[0], s.key()};
            }
            if (s.badOffset() >= 0 && !(last && !RecordScanner.anyValidRecordAfter(ch, chunk, format, s.badOffset(),
                    ch.size()))) {
                throw new CorruptFileException(chunk, s.badOffset(), s.badReason() + "; cannot rebuild the manifest past it");
            }
            return keys;
        } catch (IOException e) {
            throw new StorageIOException("read", chunk, e);
        }
    }

    /**
     * Rewrites a chunk's index from its records when it differs; returns what was done, or null. The last chunk's
     * torn tail (still there in a dry run) is left out, as the open cuts it; an open chunk's last, incomplete block
     * stays unindexed, as the writer leaves it.
     */
    private static String rebuildIndex(PartitionFiles files, ManifestLine line, PartitionConfig config,
            FormatPlugin format, boolean dryRun, boolean last) {
        long id = line.chunkId();
        Path chunk = files.chunk(id);
        try (FileChannel ch = FileChannel.open(chunk, StandardOpenOption.READ)) {
            long length = ch.size();
            IndexFile.Loaded old = IndexFile.loadValidPrefix(files.index(id), length);
            RecordScanner s = new RecordScanner(ch, chunk, format, 0, length);
            BlockBuilder builder = new BlockBuilder(config);
            List<IndexBlock> rebuilt = new ArrayList<>();
            BlockVerifier crc = new BlockVerifier(chunk, old.blocks(), 0);
            while (s.next()) {
                crc.accept(s); // a CRC line that does not match its bytes is damage: never rewritten over
                IndexBlock done = s.addTo(builder);
                if (done != null) {
                    rebuilt.add(done);
                }
            }
            if (s.badOffset() >= 0 && !(last && !RecordScanner.anyValidRecordAfter(ch, chunk, format, s.badOffset(),
                    length))) {
                throw new CorruptFileException(chunk, s.badOffset(), s.badReason());
            }
            IndexBlock pending = line.closed() ? builder.takeIfAny() : null;
            if (pending != null) {
                rebuilt.add(pending);
            }
            byte[] bytes = IndexFile.encode(rebuilt, 0, rebuilt.size());
            byte[] current = DurableFiles.readIfExists(files.index(id)).orElse(null);
            if (current != null && java.util.Arrays.equals(current, bytes)) {
                return null;
            }
            if (!dryRun) {
                DurableFiles.writeAtomically(files.index(id), files.indexTemp(id), bytes);
            }
            return files.relative(files.index(id)) + ": rebuilt from the chunk, " + rebuilt.size() + " lines with CRC-32C"
                    + (current == null ? " (was missing)" : " (was " + old.blocks().size() + " valid lines"
                    + (old.dropped() != null ? "; " + old.dropped() : "") + ")");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new MissingFileException(chunk);
        } catch (IOException e) {
            throw new StorageIOException("read", chunk, e);
        }
    }
}
