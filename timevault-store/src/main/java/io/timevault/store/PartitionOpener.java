package io.timevault.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Opens a partition directory: validation first, then the repairs recovery is allowed to make, each reported.
 * <ol>
 *   <li>{@code metadata.json} must parse (else {@link CorruptFileException} naming it).</li>
 *   <li>Write mode: leftover temp files of interrupted atomic writes are removed.</li>
 *   <li>{@code manifest.jsonl} is read; a torn last line is dropped.</li>
 *   <li>The last chunk is recovered by {@link TailLoader}. If its file is missing or holds no record and its line is
 *       open, the line is removed (an interrupted roll or a crash before the first sync) and the previous chunk
 *       becomes the last. A missing file behind a closed line is lost data: {@link MissingFileException}.</li>
 *   <li>Closed chunks are checked for presence only (O(chunks)); their indexes load on first read. A missing
 *       index is rebuilt now in write mode.</li>
 *   <li>Write mode: the manifest is rewritten if it changed, and chunk/index files it does not list are removed.</li>
 * </ol>
 * A purge recorded in metadata but not finished on disk is completed by {@link Partition} right after.
 * Read-only mode runs the same logic and keeps every repair in memory.
 */
final class PartitionOpener {

    private PartitionOpener() {
    }

    /** The opened state handed to the {@link Partition} constructor. */
    record Opened(Metadata metadata, List<ChunkView> closed, TailLoader.Result tail, List<RecoveryReport.Repair> repairs) {
    }

    static Opened open(PartitionFiles files, boolean readOnly, ChannelCache channels) {
        boolean writable = !readOnly;
        byte[] metaBytes = DurableFiles.readIfExists(files.metadata())
                .orElseThrow(() -> new MissingFileException(files.metadata()));
        Metadata metadata = Metadata.parse(metaBytes, files.metadata());
        PartitionConfig config = metadata.config();
        FormatPlugin format = FormatPlugins.forName(config.formatPlugin());
        List<RecoveryReport.Repair> repairs = new ArrayList<>();
        if (writable) {
            removeTempFiles(files, repairs);
        }

        if (!Files.exists(files.manifest()) && hasChunkFiles(files)) {
            // never treat chunks as orphans because the file listing them is gone
            throw new MissingFileException(files.manifest());
        }
        Manifest.Loaded manifest = Manifest.load(files);
        List<ManifestLine> lines = new ArrayList<>(manifest.lines());
        if (manifest.tornTail() >= 0) {
            repairs.add(new RecoveryReport.Repair(RecoveryReport.RepairKind.MANIFEST_TAIL_TRUNCATED, PartitionFiles.MANIFEST,
                    manifest.tornTail(), "dropped a torn last line"));
        }
        boolean rewriteManifest = manifest.needsRewrite() && Files.exists(files.manifest());

        TailLoader.Result tail = null;
        while (!lines.isEmpty()) {
            ManifestLine last = lines.get(lines.size() - 1);
            TailLoader.Result r = TailLoader.load(files, last, config, format, writable, repairs);
            if (r.chunk() != null) {
                tail = r;
                break;
            }
            if (r.missingFile() && last.closed()) {
                throw new MissingFileException(files.chunk(last.chunkId()));
            }
            repairs.add(new RecoveryReport.Repair(RecoveryReport.RepairKind.MANIFEST_LINE_REMOVED, PartitionFiles.MANIFEST, -1,
                    "chunk " + PartitionFiles.hex16(last.chunkId()) + (r.missingFile() ? " is missing" : " holds no record")));
            lines.remove(lines.size() - 1);
            rewriteManifest = true;
        }

        List<ChunkView> closed = new ArrayList<>();
        for (int i = 0; i < lines.size() - 1; i++) {
            closed.add(closedChunk(files, lines.get(i), config, format, channels, writable, repairs));
        }
        if (writable && rewriteManifest) {
            Manifest.write(files, lines);
        }
        if (writable) {
            removeOrphans(files, lines, repairs);
        }
        return new Opened(metadata, closed, tail, repairs);
    }

    private static ChunkView closedChunk(PartitionFiles files, ManifestLine line, PartitionConfig config,
            FormatPlugin format, ChannelCache channels, boolean writable, List<RecoveryReport.Repair> repairs) {
        long id = line.chunkId();
        long length;
        try {
            length = Files.size(files.chunk(id));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new MissingFileException(files.chunk(id));
        } catch (IOException e) {
            throw new StorageIOException("stat", files.chunk(id), e);
        }
        long maxKey = line.closed() ? line.maxOrderKey() : line.minOrderKey();
        LazyIndex lazy = new LazyIndex(files, id, length, maxKey, config, format, channels);
        if (writable && !Files.exists(files.index(id))) {
            List<IndexBlock> rebuilt = lazy.blocks();
            try (FileChannel ch = FileChannel.open(files.chunk(id), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ch.force(false);
            } catch (IOException e) {
                throw new StorageIOException("fsync", files.chunk(id), e);
            }
            DurableFiles.writeAtomically(files.index(id), files.indexTemp(id), IndexFile.encode(rebuilt, 0, rebuilt.size()));
            repairs.add(new RecoveryReport.Repair(RecoveryReport.RepairKind.INDEX_REBUILT, files.relative(files.index(id)), -1,
                    "index file was missing; rebuilt " + rebuilt.size() + " blocks"));
        }
        return new ChunkView(line, maxKey, length, null, lazy);
    }

    private static void removeTempFiles(PartitionFiles files, List<RecoveryReport.Repair> repairs) {
        List<Path> temps = new ArrayList<>();
        temps.add(files.metadata().resolveSibling(PartitionFiles.METADATA + PartitionFiles.TMP_SUFFIX));
        temps.add(files.manifestTemp());
        if (Files.isDirectory(files.chunksDir())) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(files.chunksDir(), "*" + PartitionFiles.TMP_SUFFIX)) {
                ds.forEach(temps::add);
            } catch (IOException e) {
                throw new StorageIOException("list", files.chunksDir(), e);
            }
        }
        for (Path t : temps) {
            try {
                if (Files.deleteIfExists(t)) {
                    repairs.add(new RecoveryReport.Repair(RecoveryReport.RepairKind.TEMP_FILE_REMOVED, files.relative(t), -1,
                            "leftover of an interrupted atomic write"));
                }
            } catch (IOException e) {
                throw new StorageIOException("delete", t, e);
            }
        }
    }

    static boolean hasChunkFiles(PartitionFiles files) {
        if (!Files.isDirectory(files.chunksDir())) {
            return false;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(files.chunksDir())) {
            for (Path p : ds) {
                if (PartitionFiles.chunkIdOf(p.getFileName().toString()).isPresent()) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new StorageIOException("list", files.chunksDir(), e);
        }
    }

    private static void removeOrphans(PartitionFiles files, List<ManifestLine> lines, List<RecoveryReport.Repair> repairs) {
        if (!Files.isDirectory(files.chunksDir())) {
            return;
        }
        Set<Long> live = new HashSet<>();
        lines.forEach(l -> live.add(l.chunkId()));
        List<Path> orphans = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(files.chunksDir())) {
            for (Path p : ds) {
                OptionalLong id = PartitionFiles.chunkIdOf(p.getFileName().toString());
                if (id.isPresent() && !live.contains(id.getAsLong())) {
                    orphans.add(p);
                }
            }
        } catch (IOException e) {
            throw new StorageIOException("list", files.chunksDir(), e);
        }
        for (Path p : orphans) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new StorageIOException("delete", p, e);
            }
            repairs.add(new RecoveryReport.Repair(RecoveryReport.RepairKind.ORPHAN_REMOVED, files.relative(p), -1,
                    "not listed in the manifest"));
        }
        if (!orphans.isEmpty()) {
            DurableFiles.fsyncDirectory(files.chunksDir());
        }
    }
}
