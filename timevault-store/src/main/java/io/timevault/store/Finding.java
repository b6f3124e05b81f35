package io.timevault.store;

import java.nio.file.Path;

/**
 * One problem {@link PartitionCheck} found in a partition's files.
 *
 * @param file     the file at fault
 * @param offset   byte offset of the problem in that file, or -1 when it concerns the whole file
 * @param severity how bad it is
 * @param message  what is wrong and what {@code timevault repair} would do about it
 */
public record Finding(Path file, long offset, Severity severity, String message) {

    /** How bad a finding is. */
    public enum Severity {
        /** Left by a crash; opening the partition for writing (or {@code repair}) fixes it without losing acknowledged data. */
        REPAIRABLE,
        /** Damaged durable data or a lost file: an operator must decide (restore, or accept the loss). */
        CORRUPT
    }

    @Override
    public String toString() {
        return severity + " " + file + (offset >= 0 ? " at offset " + offset : "") + ": " + message;
    }
}
