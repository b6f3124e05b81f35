package io.timevault.store.support;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Files in timevault-rs's exact form (spec §2), written by hand so tests can hand our engine what the Rust library
 * would have left on disk. Nothing here calls the engine.
 */
public final class RustFiles {

    private RustFiles() {
    }

    /** Knobs of a hand-written {@code metadata.json}; {@link #defaults()} equals {@code PartitionConfig::default()}. */
    public record Meta(String plugin, long maxBytes, long chunkHours, long maxRecords, long indexHours,
            boolean keyIsTimestamp, boolean logicalPurge, Long lastPurgeId) {

        public static Meta defaults() {
            return new Meta("jsonl", 256_000_000L, 24, 128, 24, true, false, null);
        }

        /** The spec's "fixture metadata" (§6): hour knobs 0, key_is_timestamp true. */
        public static Meta fixture(long maxBytes, long maxRecords) {
            return new Meta("jsonl", maxBytes, 0, maxRecords, 0, true, false, null);
        }

        public Meta withLastPurgeId(Long id) {
            return new Meta(plugin, maxBytes, chunkHours, maxRecords, indexHours, keyIsTimestamp, logicalPurge, id);
        }

        public Meta withLogicalPurge(boolean value) {
            return new Meta(plugin, maxBytes, chunkHours, maxRecords, indexHours, keyIsTimestamp, value, lastPurgeId);
        }

        public Meta withPlugin(String name) {
            return new Meta(name, maxBytes, chunkHours, maxRecords, indexHours, keyIsTimestamp, logicalPurge, lastPurgeId);
        }
    }

    /** {@code metadata.json} as serde_json writes it: compact, struct field order, no trailing newline (§2.1). */
    public static String metadataJson(UUID id, Meta m) {
        return "{\"partition_id\":\"" + id + "\",\"format_version\":1,\"format_plugin\":\"" + m.plugin()
                + "\",\"chunk_roll\":{\"max_bytes\":" + Long.toUnsignedString(m.maxBytes()) + ",\"max_hours\":"
                + m.chunkHours() + "},\"index\":{\"max_records\":" + m.maxRecords() + ",\"max_hours\":" + m.indexHours()
                + "},\"retention\":{\"max_days\":365},\"key_is_timestamp\":" + m.keyIsTimestamp()
                + ",\"logical_purge\":" + m.logicalPurge() + ",\"last_purge_id\":"
                + (m.lastPurgeId() == null ? "null" : Long.toUnsignedString(m.lastPurgeId())) + "}";
    }

    /** An open manifest line ({@code max_order_key} omitted), without LF. */
    public static String open(long chunkId, long min) {
        return "{\"chunk_id\":" + Long.toUnsignedString(chunkId) + ",\"min_order_key\":" + Long.toUnsignedString(min) + "}";
    }

    /** A closed manifest line, without LF. */
    public static String closed(long chunkId, long min, long max) {
        return "{\"chunk_id\":" + Long.toUnsignedString(chunkId) + ",\"min_order_key\":" + Long.toUnsignedString(min)
                + ",\"max_order_key\":" + Long.toUnsignedString(max) + "}";
    }

    /** An index line, without LF. */
    public static String block(long min, long max, long offset, long length) {
        return "{\"block_min_key\":" + Long.toUnsignedString(min) + ",\"block_max_key\":" + Long.toUnsignedString(max)
                + ",\"file_offset_bytes\":" + offset + ",\"block_len_bytes\":" + length + "}";
    }

    /** Lines joined, each followed by LF (the JSONL rule of §0.2); no lines → empty. */
    public static String jsonl(String... lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        return sb.toString();
    }

    public static String jsonl(List<String> lines) {
        return jsonl(lines.toArray(String[]::new));
    }

    /** A hand-made partition directory under {@code root}, built file by file. */
    public static final class Builder {
        private final Path dir;
        private final UUID id;

        public Builder(Path root, UUID id) {
            this.id = id;
            this.dir = Layout.partitionDir(root, id);
        }

        public Path dir() {
            return dir;
        }

        public Builder metadata(Meta meta) {
            Files2.write(Layout.metadata(dir), metadataJson(id, meta));
            return this;
        }

        public Builder manifest(String... lines) {
            Files2.write(Layout.manifest(dir), jsonl(lines));
            return this;
        }

        public Builder chunk(long chunkId, byte[] content) {
            Files2.write(Layout.chunk(dir, chunkId), content);
            return this;
        }

        public Builder index(long chunkId, String... lines) {
            Files2.write(Layout.index(dir, chunkId), jsonl(lines));
            return this;
        }
    }
}
