package io.timevault.store.json;

import java.nio.charset.StandardCharsets;

/**
 * Builds compact JSON text exactly as serde_json writes it (spec §0.2): no whitespace, lowercase <code>&#92;u00xx</code>
 * escapes for control characters, nothing else escaped, unsigned 64-bit integers as plain decimals. Field
 * order is the caller's: struct-like files list their fields in timevault-rs's declaration order.
 *
 * <p>Not thread-safe.
 */
public final class JsonWriter {

    private final StringBuilder sb = new StringBuilder(128);
    private boolean needComma;

    public JsonWriter beginObject() {
        comma();
        sb.append('{');
        needComma = false;
        return this;
    }

    public JsonWriter endObject() {
        sb.append('}');
        needComma = true;
        return this;
    }

    public JsonWriter beginArray() {
        comma();
        sb.append('[');
        needComma = false;
        return this;
    }

    public JsonWriter endArray() {
        sb.append(']');
        needComma = true;
        return this;
    }

    public JsonWriter name(String name) {
        comma();
        string(sb, name);
        sb.append(':');
        needComma = false;
        return this;
    }

    public JsonWriter unsigned(long value) {
        comma();
        sb.append(Long.toUnsignedString(value));
        needComma = true;
        return this;
    }

    public JsonWriter signed(long value) {
        comma();
        sb.append(value);
        needComma = true;
        return this;
    }

    public JsonWriter bool(boolean value) {
        comma();
        sb.append(value);
        needComma = true;
        return this;
    }

    public JsonWriter nullValue() {
        comma();
        sb.append("null");
        needComma = true;
        return this;
    }

    public JsonWriter string(String value) {
        comma();
        string(sb, value);
        needComma = true;
        return this;
    }

    /** Appends already-serialized JSON verbatim. */
    public JsonWriter raw(String json) {
        comma();
        sb.append(json);
        needComma = true;
        return this;
    }

    private void comma() {
        if (needComma) {
            sb.append(',');
        }
    }

    @Override
    public String toString() {
        return sb.toString();
    }

    public byte[] toBytes() {
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Appends {@code value} as a JSON string literal with serde_json's escaping. */
    public static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
