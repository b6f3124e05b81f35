package io.timevault.store;

import java.util.List;

/**
 * What opening a partition found and repaired. Repairs only ever remove bytes that were never made durable by
 * {@link Partition#sync()} (torn tails, index lines past the data, half-finished files of an interrupted
 * operation); anything else is a {@link CorruptFileException}.
 *
 * @param repairs every repair in the order it was made; empty when the partition was clean
 */
public record RecoveryReport(List<Repair> repairs) {

    public static final RecoveryReport CLEAN = new RecoveryReport(List.of());

    public RecoveryReport {
        repairs = List.copyOf(repairs);
    }

    /** Whether nothing had to be repaired. */
    public boolean clean() {
        return repairs.isEmpty();
    }

    /** Whether a repair of the given kind was made. */
    public boolean has(RepairKind kind) {
        return repairs.stream().anyMatch(r -> r.kind() == kind);
    }

    /**
     * One repair.
     *
     * @param kind   what was repaired
     * @param file   the file, relative to the partition directory (e.g. {@code chunks/0000000000000001.chunk})
     * @param offset byte offset where the repair starts, or -1
     * @param detail human-readable detail (bytes cut, lines dropped, ...)
     */
    public record Repair(RepairKind kind, String file, long offset, String detail) {
        @Override
        public String toString() {
            return kind + " " + file + (offset >= 0 ? "@" + offset : "") + ": " + detail;
        }
    }

    /** The kinds of repair recovery makes. */
    public enum RepairKind {
        /** A torn or garbage tail of the last chunk was cut back to the last complete record. */
        TAIL_TRUNCATED,
        /** Index lines were missing, torn, inconsistent or pointed past the chunk, and were rebuilt. */
        INDEX_REBUILT,
        /** A last manifest line whose chunk was missing or empty was removed. */
        MANIFEST_LINE_REMOVED,
        /** A torn last manifest line (no LF, not parsable) was dropped. */
        MANIFEST_TAIL_TRUNCATED,
        /** A purge recorded in metadata.json was not complete on disk and was completed. */
        PURGE_COMPLETED,
        /** Leftover temporary files of an interrupted atomic write were removed. */
        TEMP_FILE_REMOVED,
        /** Chunk or index files not listed in the manifest were removed. */
        ORPHAN_REMOVED
    }
}
