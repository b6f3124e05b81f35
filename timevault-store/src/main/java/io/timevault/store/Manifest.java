package io.timevault.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@code manifest.jsonl}: one {@link ManifestLine} per chunk, ascending chunk ids, each line
 * LF-terminated, at most the last line open; an empty partition is a zero-byte file.
 *
 * <p>We only ever replace the manifest atomically ({@code manifest.json.tmp}, fsync, rename, fsync dir), so a
 * roll, a purge or a truncate is one manifest write. timevault-rs appends open lines in place without fsync,
 * so a file written by it may end in a torn line: load drops a torn last line (no LF, not parsable) and reports
 * it. Any other unparsable line is corruption, not silently skipped as in timevault-rs (spec §7 item 20).
 */
final class Manifest {

    private Manifest() {
    }

    /**
     * What was read.
     *
     * @param lines       the lines, validated
     * @param tornTail    offset of a dropped torn last line, or -1
     * @param needsRewrite whether the bytes on disk differ from the canonical form of {@code lines}
     */
    record Loaded(List<ManifestLine> lines, long tornTail, boolean needsRewrite) {
    }

    static Loaded load(PartitionFiles files) {
        byte[] bytes = DurableFiles.readIfExists(files.manifest()).orElse(new byte[0]);
        List<ManifestLine> lines = new ArrayList<>();
        long torn = -1;
        int pos = 0;
        while (pos < bytes.length) {
            int lf = indexOf(bytes, pos, (byte) '\n');
            boolean terminated = lf >= 0;
            int end = terminated ? lf : bytes.length;
            if (!blank(bytes, pos, end)) {
                try {
                    lines.add(parseLine(bytes, pos, end - pos, files, pos));
                } catch (CorruptFileException e) {
                    if (terminated) {
                        throw e;
                    }
                    torn = pos;
                }
            }
            pos = terminated ? lf + 1 : bytes.length;
        }
        validate(lines, files);
        boolean rewrite = !java.util.Arrays.equals(bytes, encode(lines));
        return new Loaded(List.copyOf(lines), torn, rewrite);
    }

    private static ManifestLine parseLine(byte[] b, int off, int len, PartitionFiles files, long fileOffset) {
        JsonFields f = JsonFields.parseObject(b, off, len, files.manifest(), fileOffset);
        return new ManifestLine(f.unsigned("chunk_id"), f.unsigned("min_order_key"), f.optionalUnsigned("max_order_key"));
    }

    private static void validate(List<ManifestLine> lines, PartitionFiles files) {
        for (int i = 0; i < lines.size(); i++) {
            ManifestLine l = lines.get(i);
            if (l.closed() && Long.compareUnsigned(l.minOrderKey(), l.maxOrderKey()) > 0) {
                throw new CorruptFileException(files.manifest(), -1, "line " + (i + 1) + " has min_order_key > max_order_key");
            }
            if (!l.closed() && i < lines.size() - 1) {
                throw new CorruptFileException(files.manifest(), -1, "line " + (i + 1) + " is open but not the last line");
            }
            if (i > 0 && Long.compareUnsigned(lines.get(i - 1).chunkId(), l.chunkId()) >= 0) {
                throw new CorruptFileException(files.manifest(), -1, "chunk ids not strictly increasing at line " + (i + 1));
            }
        }
    }

    static byte[] encode(List<ManifestLine> lines) {
        StringBuilder sb = new StringBuilder();
        for (ManifestLine l : lines) {
            sb.append(l.toJson()).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Replaces the manifest with {@code lines}, atomically and durably. */
    static void write(PartitionFiles files, List<ManifestLine> lines) {
        DurableFiles.writeAtomically(files.manifest(), files.manifestTemp(), encode(lines));
    }

    static int indexOf(byte[] b, int from, byte c) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }
}
