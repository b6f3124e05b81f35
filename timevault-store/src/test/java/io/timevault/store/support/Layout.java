package io.timevault.store.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The partition layout of spec §1, computed independently of the engine so tests check its file names: shard
 * directories are bytes 14 and 15 of the UUID in string order, chunk files are the chunk id as 16 lowercase hex
 * digits.
 */
public final class Layout {

    private Layout() {
    }

    public static Path partitionDir(Path root, UUID id) {
        String s = id.toString();
        return root.resolve("partitions").resolve(s.substring(32, 34)).resolve(s.substring(34, 36)).resolve(s);
    }

    public static String hex16(long chunkId) {
        return String.format("%016x", chunkId);
    }

    public static Path metadata(Path dir) {
        return dir.resolve("metadata.json");
    }

    public static Path manifest(Path dir) {
        return dir.resolve("manifest.jsonl");
    }

    public static Path chunk(Path dir, long chunkId) {
        return dir.resolve("chunks").resolve(hex16(chunkId) + ".chunk");
    }

    public static Path index(Path dir, long chunkId) {
        return dir.resolve("chunks").resolve(hex16(chunkId) + ".index");
    }

    public static Path lockFile(Path root) {
        return root.resolve(".timevault.write.lock");
    }

    /** The file's bytes, or an empty array when it does not exist. */
    public static byte[] read(Path file) {
        try {
            return Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String readText(Path file) {
        return new String(read(file), StandardCharsets.UTF_8);
    }

    /**
     * The LF-terminated lines of a JSONL file, without their LF (an unterminated tail is returned too). Lines of a
     * {@code .index} file are returned in timevault-rs's form: our extra {@code crc32c} field removed (its value is
     * checked by {@link DiskInvariants}; {@link #rawLines} keeps it).
     */
    public static List<String> lines(Path file) {
        List<String> raw = rawLines(file);
        if (!file.getFileName().toString().endsWith(".index")) {
            return raw;
        }
        return raw.stream().map(Layout::withoutCrc).toList();
    }

    /** An index line (or index text) without its {@code crc32c} fields: the bytes timevault-rs would write. */
    public static String withoutCrc(String indexText) {
        return indexText.replaceAll(",\"crc32c\":\\d+}", "}");
    }

    /** Where the last complete line of an index file says its blocks end (0 without one). */
    public static long indexedEnd(Path index) {
        long end = 0;
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("\"file_offset_bytes\":(\\d+),\"block_len_bytes\":(\\d+)");
        for (String line : rawLines(index)) {
            java.util.regex.Matcher m = p.matcher(line);
            if (m.find()) {
                end = Long.parseLong(m.group(1)) + Long.parseLong(m.group(2));
            }
        }
        return end;
    }

    /** The lines of a file exactly as stored. */
    public static List<String> rawLines(Path file) {
        String text = readText(file);
        List<String> out = new ArrayList<>();
        int pos = 0;
        while (pos < text.length()) {
            int lf = text.indexOf('\n', pos);
            if (lf < 0) {
                out.add(text.substring(pos));
                break;
            }
            out.add(text.substring(pos, lf));
            pos = lf + 1;
        }
        return out;
    }

    /** Chunk ids of the manifest lines, in order, parsed with a regex so the test does not trust the engine. */
    public static List<Long> manifestChunkIds(Path dir) {
        List<Long> ids = new ArrayList<>();
        for (String line : lines(manifest(dir))) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"chunk_id\":(\\d+)").matcher(line);
            if (m.find()) {
                ids.add(Long.parseUnsignedLong(m.group(1)));
            }
        }
        return ids;
    }

    public static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names of the files in {@code chunks/}, sorted. */
    public static List<String> chunkDirFiles(Path dir) {
        Path chunks = dir.resolve("chunks");
        if (!Files.isDirectory(chunks)) {
            return List.of();
        }
        try (var s = Files.list(chunks)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
