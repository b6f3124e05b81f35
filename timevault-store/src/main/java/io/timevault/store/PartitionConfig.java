package io.timevault.store;

/**
 * The knobs of a partition, persisted in its {@code metadata.json} (spec §2.1). Defaults equal timevault-rs's
 * {@code PartitionConfig::default()}. A value of 0 disables the knob it belongs to.
 *
 * @param formatVersion  format version written to metadata (read, never checked, as in timevault-rs)
 * @param formatPlugin   name of the record format: {@code jsonl} (alias {@code json}) or {@code jsonl_struct}
 * @param chunkRoll      when a chunk is closed and a new one started
 * @param index          how often an index line is written
 * @param retention      retention setting (persisted, not applied: timevault-rs does not apply it either)
 * @param keyIsTimestamp whether keys are milliseconds, enabling the hour-based knobs
 * @param logicalPurge   whether purge only records the purge point and leaves data for an external compactor
 */
public record PartitionConfig(
        int formatVersion,
        String formatPlugin,
        ChunkRoll chunkRoll,
        IndexCadence index,
        Retention retention,
        boolean keyIsTimestamp,
        boolean logicalPurge) {

    public static final int DEFAULT_FORMAT_VERSION = 1;
    public static final String DEFAULT_FORMAT_PLUGIN = "jsonl";
    public static final long DEFAULT_CHUNK_MAX_BYTES = 256_000_000L;
    public static final long DEFAULT_CHUNK_MAX_HOURS = 24;
    public static final int DEFAULT_INDEX_MAX_RECORDS = 128;
    public static final long DEFAULT_INDEX_MAX_HOURS = 24;
    public static final long DEFAULT_RETENTION_MAX_DAYS = 365;

    public PartitionConfig {
        if (formatPlugin == null || formatPlugin.isBlank()) {
            throw new IllegalArgumentException("formatPlugin must not be blank");
        }
        if (chunkRoll == null || index == null || retention == null) {
            throw new IllegalArgumentException("chunkRoll, index and retention must not be null");
        }
    }

    /** timevault-rs's defaults: jsonl, 256 MB / 24 h chunks, an index line every 128 records or 24 h. */
    public static PartitionConfig defaults() {
        return new PartitionConfig(DEFAULT_FORMAT_VERSION, DEFAULT_FORMAT_PLUGIN,
                new ChunkRoll(DEFAULT_CHUNK_MAX_BYTES, DEFAULT_CHUNK_MAX_HOURS),
                new IndexCadence(DEFAULT_INDEX_MAX_RECORDS, DEFAULT_INDEX_MAX_HOURS),
                new Retention(DEFAULT_RETENTION_MAX_DAYS), true, false);
    }

    public PartitionConfig withFormatPlugin(String name) {
        return new PartitionConfig(formatVersion, name, chunkRoll, index, retention, keyIsTimestamp, logicalPurge);
    }

    public PartitionConfig withChunkRoll(long maxBytes, long maxHours) {
        return new PartitionConfig(formatVersion, formatPlugin, new ChunkRoll(maxBytes, maxHours), index, retention,
                keyIsTimestamp, logicalPurge);
    }

    public PartitionConfig withIndex(int maxRecords, long maxHours) {
        return new PartitionConfig(formatVersion, formatPlugin, chunkRoll, new IndexCadence(maxRecords, maxHours),
                retention, keyIsTimestamp, logicalPurge);
    }

    public PartitionConfig withKeyIsTimestamp(boolean value) {
        return new PartitionConfig(formatVersion, formatPlugin, chunkRoll, index, retention, value, logicalPurge);
    }

    public PartitionConfig withLogicalPurge(boolean value) {
        return new PartitionConfig(formatVersion, formatPlugin, chunkRoll, index, retention, keyIsTimestamp, value);
    }

    /**
     * Chunk roll policy.
     *
     * @param maxBytes roll before an append that would bring the chunk to this size or beyond (unsigned; 0 = never)
     * @param maxHours roll when the key span of the chunk reaches this many hours of milliseconds (0 = never)
     */
    public record ChunkRoll(long maxBytes, long maxHours) {
    }

    /**
     * Index cadence: an index line is written per block of records.
     *
     * @param maxRecords records per index block (unsigned 32-bit; 0 = no count limit)
     * @param maxHours   key span of a block in hours of milliseconds (0 = no span limit)
     */
    public record IndexCadence(int maxRecords, long maxHours) {
    }

    /**
     * Retention, persisted for compatibility; not applied.
     *
     * @param maxDays days to keep
     */
    public record Retention(long maxDays) {
    }
}
