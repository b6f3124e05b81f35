package io.timevault.bench;

import io.timevault.raft.Entry;
import io.timevault.raft.JacksonFormatPlugin;
import io.timevault.raft.LogId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The entries every figure writes: 256-byte payloads. For the timevault adapter the payload is a 256-character
 * ASCII string (entry type {@code String}), so each record is one JSON line of about 340 bytes; RocksDB and the
 * cluster get the same 256 bytes as a jraft {@code LogEntry}'s data.
 */
final class Payloads {

    static final int DATA_BYTES = 256;
    static final String DATA;
    static final byte[] DATA_ARRAY;
    static final long TERM = 1;
    static final long NODE = 1;
    static final JacksonFormatPlugin<String> CODEC = JacksonFormatPlugin.forType(String.class);

    static {
        StringBuilder s = new StringBuilder(DATA_BYTES);
        for (int i = 0; i < DATA_BYTES; i++) {
            s.append((char) ('a' + i % 26));
        }
        DATA = s.toString();
        DATA_ARRAY = DATA.getBytes(StandardCharsets.US_ASCII);
    }

    private Payloads() {
    }

    static Entry<String> entry(long index) {
        return Entry.normal(LogId.of(TERM, NODE, index), DATA);
    }

    /** {@code count} consecutive entries starting at {@code first}. */
    static List<Entry<String>> entries(long first, int count) {
        List<Entry<String>> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(entry(first + i));
        }
        return out;
    }

    /** The record the adapter writes for the entry at {@code index}: the bytes raw disk loops write. */
    static byte[] record(long index) {
        return CODEC.encode(entry(index));
    }
}
