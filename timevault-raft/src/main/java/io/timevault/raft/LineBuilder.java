package io.timevault.raft;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds one record line from ASCII fragments, numbers and ready-made JSON bytes into a single array. The fixed
 * part of a Raft line (timestamp, log id, kind) is written here rather than through a Jackson generator: that is
 * about half the cost of encoding a small entry, and every append pays it.
 */
final class LineBuilder {

    private byte[] buf;
    private int size;

    LineBuilder(int capacity) {
        buf = new byte[capacity];
    }

    LineBuilder ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[size++] = (byte) s.charAt(i);
        }
        return this;
    }

    LineBuilder bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    LineBuilder signed(long v) {
        if (v < 0) {
            return v == Long.MIN_VALUE ? ascii(Long.toString(v)) : ascii("-").digits(-v);
        }
        return digits(v);
    }

    LineBuilder unsigned(long v) {
        return v >= 0 ? digits(v) : ascii(Long.toUnsignedString(v));
    }

    /** Decimal digits of a non-negative value, written in place (no intermediate String). */
    private LineBuilder digits(long v) {
        int n = 1;
        for (long rest = v / 10; rest != 0; rest /= 10) {
            n++;
        }
        ensure(n);
        for (int i = size + n - 1; i >= size; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        size += n;
        return this;
    }

    byte[] toArray() {
        return size == buf.length ? buf : Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    @Override
    public String toString() {
        return new String(buf, 0, size, StandardCharsets.UTF_8);
    }
}
