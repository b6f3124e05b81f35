package io.timevault.store;

import io.timevault.store.json.JsonWriter;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The content of {@code metadata.json} (spec §2.1): one compact JSON object, no trailing newline, fields in
 * timevault-rs's declaration order; {@code last_purge_id} is always written, as {@code null} when unset.
 * Replaced atomically; it is the first thing a purge makes durable, so after a crash it may be ahead of the
 * chunks, and recovery completes the purge.
 *
 * @param partitionId the partition id (not checked against the directory name, as in timevault-rs)
 * @param config      the partition's knobs
 * @param lastPurgeId the highest purged key, or {@code null}
 */
record Metadata(UUID partitionId, PartitionConfig config, Long lastPurgeId) {

    byte[] toJson() {
        PartitionConfig c = config;
        JsonWriter w = new JsonWriter().beginObject()
                .name("partition_id").string(partitionId.toString())
                .name("format_version").unsigned(Integer.toUnsignedLong(c.formatVersion()))
                .name("format_plugin").string(c.formatPlugin())
                .name("chunk_roll").beginObject()
                .name("max_bytes").unsigned(c.chunkRoll().maxBytes())
                .name("max_hours").unsigned(c.chunkRoll().maxHours()).endObject()
                .name("index").beginObject()
                .name("max_records").unsigned(Integer.toUnsignedLong(c.index().maxRecords()))
                .name("max_hours").unsigned(c.index().maxHours()).endObject()
                .name("retention").beginObject()
                .name("max_days").unsigned(c.retention().maxDays()).endObject()
                .name("key_is_timestamp").bool(c.keyIsTimestamp())
                .name("logical_purge").bool(c.logicalPurge())
                .name("last_purge_id");
        if (lastPurgeId == null) {
            w.nullValue();
        } else {
            w.unsigned(lastPurgeId);
        }
        return w.endObject().toBytes();
    }

    static Metadata parse(byte[] bytes, Path file) {
        JsonFields f = JsonFields.parseObject(bytes, 0, bytes.length, file, 0);
        JsonFields roll = f.object("chunk_roll");
        JsonFields index = f.object("index");
        JsonFields retention = f.object("retention");
        PartitionConfig config = new PartitionConfig(
                f.unsigned32("format_version"),
                f.string("format_plugin"),
                new PartitionConfig.ChunkRoll(roll.unsigned("max_bytes"), roll.unsigned("max_hours")),
                new PartitionConfig.IndexCadence(index.unsigned32("max_records"), index.unsigned("max_hours")),
                new PartitionConfig.Retention(retention.unsigned("max_days")),
                f.bool("key_is_timestamp"),
                f.bool("logical_purge"));
        try {
            FormatPlugins.forName(config.formatPlugin());
        } catch (IllegalArgumentException e) {
            throw new CorruptFileException(file, -1, e.getMessage());
        }
        return new Metadata(f.uuid("partition_id"), config, f.optionalUnsigned("last_purge_id"));
    }

    Metadata withLastPurgeId(long id) {
        return new Metadata(partitionId, config, id);
    }
}
