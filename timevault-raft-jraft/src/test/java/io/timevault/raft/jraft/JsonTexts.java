package io.timevault.raft.jraft;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Random JSON texts for property tests, in the forms a byte-exact store must keep: whitespace (spaces and tabs)
 * between every token, strings with unicode escapes (surrogate pairs included), short escapes and raw non-ASCII
 * UTF-8, numbers in every form the grammar allows (negative zero, exponents with either case and sign, fractions
 * with trailing zeros, integers past 64 bits), literals, and nesting of objects and arrays (duplicate keys
 * included). Never a raw line break, never surrounding whitespace.
 */
final class JsonTexts {

    private static final String[] RAW = {"a", "Z", "0", " ", "é", "ß", "中", "😀", "\u007f", "/", "~"};
    private static final String[] ESCAPES = {"\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u0000",
        "\\u00e9", "\\u00E9", "\\u4e2d", "\\ud83d\\ude00", "\\uD83D\\uDE00", "\\u2028", "\\u001f"};
    private static final String[] NUMBERS = {"0", "-0", "1", "-1", "0.5", "-0.0", "1.50", "1e10", "1E10", "1e+10",
        "1e-10", "2.5E-3", "-7.25e+2", "123456789012345678901234567890", "-9223372036854775809",
        "18446744073709551616", "0.000000000000000000000001", "1.7976931348623157e308", "4.9e-324", "1e400"};

    private final Random random;

    JsonTexts(long seed) {
        this.random = new Random(seed);
    }

    /** One JSON text as UTF-8 bytes. */
    byte[] next() {
        StringBuilder out = new StringBuilder();
        value(out, 0);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void value(StringBuilder out, int depth) {
        int kind = random.nextInt(depth > 4 ? 4 : 6);
        switch (kind) {
            case 0 -> string(out);
            case 1 -> out.append(NUMBERS[random.nextInt(NUMBERS.length)]);
            case 2 -> out.append(random.nextBoolean() ? "true" : random.nextBoolean() ? "false" : "null");
            case 3 -> out.append(random.nextInt(1_000_000) - 500_000);
            case 4 -> object(out, depth);
            default -> array(out, depth);
        }
    }

    private void object(StringBuilder out, int depth) {
        out.append('{');
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.append(',');
            }
            space(out);
            string(out);
            space(out);
            out.append(':');
            space(out);
            value(out, depth + 1);
            space(out);
        }
        if (size == 0) {
            space(out);
        }
        out.append('}');
    }

    private void array(StringBuilder out, int depth) {
        out.append('[');
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.append(',');
            }
            space(out);
            value(out, depth + 1);
            space(out);
        }
        out.append(']');
    }

    private void string(StringBuilder out) {
        out.append('"');
        int length = random.nextInt(6);
        for (int i = 0; i < length; i++) {
            out.append(random.nextBoolean() ? RAW[random.nextInt(RAW.length)]
                    : ESCAPES[random.nextInt(ESCAPES.length)]);
        }
        out.append('"');
    }

    private void space(StringBuilder out) {
        int count = random.nextInt(3) == 0 ? random.nextInt(3) : 0;
        for (int i = 0; i < count; i++) {
            out.append(random.nextBoolean() ? ' ' : '\t');
        }
    }
}
