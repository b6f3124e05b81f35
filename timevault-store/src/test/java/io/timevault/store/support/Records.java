package io.timevault.store.support;

import io.timevault.store.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Record bytes the way timevault-rs's tests build them (spec §2.4.1), and small helpers over read results.
 *
 * <p>{@link #rec(long)} is {@code {"payload":k,"timestamp":k}} + LF: 28 bytes for keys 1–9, 30 bytes for 10–99.
 * Keys are unsigned; the JSON {@code timestamp} is signed 64-bit, so a key above 2^63 is written as its negative
 * two's-complement value (key 2^63+5 → {@code "timestamp":-9223372036854775803}).
 */
public final class Records {

    /** u64::MAX, the value timevault-rs's tests use to disable rolling by size. */
    public static final long U64_MAX = -1L;

    private Records() {
    }

    /** {@code {"payload":k,"timestamp":k}} + LF (the jsonl plugin's encoder with a numeric payload). */
    public static byte[] rec(long key) {
        return utf8("{\"payload\":" + key + ",\"timestamp\":" + key + "}\n");
    }

    /** {@code {"timestamp":k}} + LF: 18 bytes for three-digit keys (the recovery fixtures of spec §6.5). */
    public static byte[] bare(long key) {
        return utf8("{\"timestamp\":" + key + "}\n");
    }

    /** {@code {"payload":"<text>","timestamp":k}} + LF. {@code text} must not need escaping. */
    public static byte[] withPayload(long key, String text) {
        return utf8("{\"payload\":\"" + text + "\",\"timestamp\":" + key + "}\n");
    }

    /** Concatenation of {@link #rec(long)} for every key, in order. */
    public static byte[] recs(long... keys) {
        List<byte[]> parts = new ArrayList<>();
        for (long k : keys) {
            parts.add(rec(k));
        }
        return concat(parts);
    }

    /** Concatenation of {@link #rec(long)} for {@code from..to} inclusive. */
    public static byte[] recRange(long from, long to) {
        List<byte[]> parts = new ArrayList<>();
        for (long k = from; k <= to; k++) {
            parts.add(rec(k));
        }
        return concat(parts);
    }

    public static byte[] concat(List<byte[]> parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The keys of a read result, in order. */
    public static List<Long> keys(List<StoredRecord> records) {
        List<Long> out = new ArrayList<>(records.size());
        for (StoredRecord r : records) {
            out.add(r.key());
        }
        return out;
    }

    /** {@code from..to} inclusive as a list, for comparing with {@link #keys}. */
    public static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long k = from; k <= to; k++) {
            out.add(k);
        }
        return out;
    }

    /** The bytes of a read result, concatenated in order. */
    public static byte[] bytes(List<StoredRecord> records) {
        List<byte[]> parts = new ArrayList<>();
        for (StoredRecord r : records) {
            parts.add(r.bytes());
        }
        return concat(parts);
    }
}
