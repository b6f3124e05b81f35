package io.timevault.raft;

/**
 * Reads the fixed part of a Raft line as {@link JacksonFormatPlugin#encode} writes it, straight from the record
 * bytes: {@code {"timestamp":T,"log_id":{"leader_id":{"term":E,"node_id":N},"index":I},"kind":"Normal","payload":}
 * then the payload and {@code }\n}. A decoded Normal entry then costs one bind of the payload bytes instead of a
 * tree of the whole line. Anything else (another field order, whitespace, another kind, a number with a leading
 * zero or out of range) is not recognised and the caller takes the general path, which accepts or rejects it.
 *
 * <p>Stateless: one instance per read, holding that line's numbers.
 */
final class CanonicalLine {

    private static final byte[] TIMESTAMP = ascii("{\"timestamp\":");
    private static final byte[] TERM = ascii(",\"log_id\":{\"leader_id\":{\"term\":");
    private static final byte[] NODE = ascii(",\"node_id\":");
    private static final byte[] INDEX = ascii("},\"index\":");
    private static final byte[] NORMAL = ascii("},\"kind\":\"Normal\",\"payload\":");

    private final byte[] b;
    private final int end;
    private int pos;
    long timestamp;
    long term;
    long node;
    long index;
    /** Where the payload starts and how long it is, once {@link #parseNormal} returned true. */
    int payloadOffset;
    int payloadLength;

    private CanonicalLine(byte[] b, int offset, int length) {
        this.b = b;
        this.pos = offset;
        this.end = offset + length;
    }

    /** The line's numbers and payload span when it is a canonical Normal line, else {@code null}. */
    static CanonicalLine normal(byte[] record, int offset, int length) {
        CanonicalLine line = new CanonicalLine(record, offset, length);
        return line.parseNormal() ? line : null;
    }

    private boolean parseNormal() {
        if (end - pos < 2 || b[end - 1] != '\n' || b[end - 2] != '}' || !literal(TIMESTAMP)) {
            return false;
        }
        boolean negative = pos < end && b[pos] == '-';
        if (negative) {
            pos++;
        }
        long t = number(); // the magnitude; as i64 it fits when below 2^63, or exactly 2^63 when negative
        if (t < 0 && !(negative && t == Long.MIN_VALUE) || !literal(TERM)) {
            return false;
        }
        timestamp = negative ? -t : t;
        term = number();
        if (!literal(NODE)) {
            return false;
        }
        node = number();
        if (!literal(INDEX)) {
            return false;
        }
        index = number();
        if (!literal(NORMAL)) {
            return false;
        }
        payloadOffset = pos;
        payloadLength = end - 2 - pos;
        return payloadLength > 0;
    }

    private boolean literal(byte[] text) {
        if (pos < 0 || end - pos < text.length) {
            pos = -1;
            return false;
        }
        for (int i = 0; i < text.length; i++) {
            if (b[pos + i] != text[i]) {
                pos = -1;
                return false;
            }
        }
        pos += text.length;
        return true;
    }

    /**
     * Decimal digits without a leading zero, as an unsigned 64-bit value. Marks the line unrecognised
     * ({@code pos = -1}, so the next literal fails) on no digits, a leading zero or overflow.
     */
    private long number() {
        if (pos < 0) {
            return 0;
        }
        int start = pos;
        long value = 0;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            int digit = b[pos] - '0';
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L, 10)) > 0) {
                pos = -1;
                return 0;
            }
            long next = value * 10 + digit;
            if (Long.compareUnsigned(next, value * 10) < 0) {
                pos = -1;
                return 0;
            }
            value = next;
            pos++;
        }
        int digits = pos - start;
        if (digits == 0 || digits > 1 && b[start] == '0') {
            pos = -1;
            return 0;
        }
        return value;
    }

    private static byte[] ascii(String s) {
        byte[] out = new byte[s.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) s.charAt(i);
        }
        return out;
    }
}
