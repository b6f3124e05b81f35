package io.timevault.store;

import io.timevault.store.json.JsonParseException;
import io.timevault.store.json.JsonReader;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * Typed access to the fields of a parsed JSON object with the rules of timevault-rs's serde structs
 * (spec §0.3): unknown fields ignored, required fields must be present, integers are unsigned 64-bit unless
 * stated. Every failure is a {@link CorruptFileException} naming the file, the offset of the object and the field.
 */
final class JsonFields {

    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final Map<String, Object> map;
    private final Path file;
    private final long offset;

    private JsonFields(Map<String, Object> map, Path file, long offset) {
        this.map = map;
        this.file = file;
        this.offset = offset;
    }

    /** Parses {@code buf[off, off+len)} as one JSON object; {@code fileOffset} is where it starts in the file. */
    static JsonFields parseObject(byte[] buf, int off, int len, Path file, long fileOffset) {
        Object value;
        try {
            value = JsonReader.parse(buf, off, len);
        } catch (JsonParseException e) {
            throw new CorruptFileException(file, fileOffset + e.offset(), "malformed JSON: " + e.getMessage());
        }
        return of(value, file, fileOffset, "document");
    }

    @SuppressWarnings("unchecked")
    private static JsonFields of(Object value, Path file, long offset, String what) {
        if (!(value instanceof Map)) {
            throw new CorruptFileException(file, offset, what + " is not a JSON object");
        }
        return new JsonFields((Map<String, Object>) value, file, offset);
    }

    private Object required(String name) {
        if (!map.containsKey(name)) {
            throw new CorruptFileException(file, offset, "missing field `" + name + "`");
        }
        Object v = map.get(name);
        if (v == null) {
            throw new CorruptFileException(file, offset, "field `" + name + "` is null");
        }
        return v;
    }

    JsonFields object(String name) {
        return of(required(name), file, offset, "field `" + name + "`");
    }

    long unsigned(String name) {
        return toUnsigned(name, required(name));
    }

    /** An optional unsigned field: absent or null is {@code null}. */
    Long optionalUnsigned(String name) {
        Object v = map.get(name);
        return v == null ? null : toUnsigned(name, v);
    }

    int unsigned32(String name) {
        long v = unsigned(name);
        if (Long.compareUnsigned(v, 0xffff_ffffL) > 0) {
            throw new CorruptFileException(file, offset, "field `" + name + "` does not fit in u32: " + Long.toUnsignedString(v));
        }
        return (int) v;
    }

    boolean bool(String name) {
        if (!(required(name) instanceof Boolean b)) {
            throw new CorruptFileException(file, offset, "field `" + name + "` is not a boolean");
        }
        return b;
    }

    String string(String name) {
        if (!(required(name) instanceof String s)) {
            throw new CorruptFileException(file, offset, "field `" + name + "` is not a string");
        }
        return s;
    }

    UUID uuid(String name) {
        String s = string(name);
        try {
            return parseUuid(s);
        } catch (IllegalArgumentException e) {
            throw new CorruptFileException(file, offset, "field `" + name + "` is not a UUID: " + s);
        }
    }

    /** Accepts the hyphenated, simple, braced and urn forms, in any case, as the Rust uuid crate does. */
    static UUID parseUuid(String s) {
        String t = s.toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("urn:uuid:")) {
            t = t.substring(9);
        } else if (t.startsWith("{") && t.endsWith("}")) {
            t = t.substring(1, t.length() - 1);
        }
        if (t.length() == 32 && t.indexOf('-') < 0) {
            t = t.substring(0, 8) + "-" + t.substring(8, 12) + "-" + t.substring(12, 16) + "-" + t.substring(16, 20) + "-"
                    + t.substring(20);
        }
        if (t.length() != 36 || !t.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            throw new IllegalArgumentException("not a UUID: " + s);
        }
        return UUID.fromString(t);
    }

    private long toUnsigned(String name, Object v) {
        if (v instanceof Long l && l >= 0) {
            return l;
        }
        if (v instanceof BigInteger b && b.signum() >= 0 && b.compareTo(U64_MAX) <= 0) {
            return b.longValue();
        }
        throw new CorruptFileException(file, offset, "field `" + name + "` is not an unsigned 64-bit integer: " + v);
    }
}
