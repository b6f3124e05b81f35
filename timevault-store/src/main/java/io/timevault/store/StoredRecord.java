package io.timevault.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One record as stored in a chunk: its order key (unsigned) and its exact bytes, terminator included.
 *
 * @param key   the order key, unsigned 64-bit
 * @param bytes the record's bytes; callers must not modify the array
 */
public record StoredRecord(long key, byte[] bytes) {

    /** The record as UTF-8 text (for jsonl records: one JSON line with its LF). */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredRecord r && r.key == key && Arrays.equals(r.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(key) + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "StoredRecord[key=" + Long.toUnsignedString(key) + ", " + bytes.length + " bytes]";
    }
}
