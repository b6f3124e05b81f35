package io.timevault.store.json;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader over UTF-8 bytes with the tolerance of serde_json (spec §0.3): insignificant whitespace
 * (space, TAB, LF, CR), duplicate object keys rejected, nesting limited to 128 levels, invalid UTF-8 rejected.
 *
 * <p>Two modes share one grammar: {@link #parse} builds a tree (objects as insertion-ordered maps, integers as
 * {@link Long} or {@link BigInteger}, other numbers as {@link Double}); {@link #topLevelInteger} only validates and
 * skips, pulling out one top-level integer field without allocating, which is what the jsonl plugin needs on
 * every append.
 *
 * <p>Not thread-safe; instances are cheap and single-use.
 */
public final class JsonReader {

    private static final int MAX_DEPTH = 128;

    private final byte[] buf;
    private final int start;
    private final int end;
    private int pos;
    private int depth;

    private JsonReader(byte[] buf, int off, int len) {
        this.buf = buf;
        this.start = off;
        this.end = off + len;
        this.pos = off;
    }

    /** Parses exactly one JSON value surrounded by optional whitespace. */
    public static Object parse(byte[] buf, int off, int len) throws JsonParseException {
        JsonReader r = new JsonReader(buf, off, len);
        r.skipWs();
        Object v = r.value(true);
        r.skipWs();
        if (r.pos != r.end) {
            throw r.error("trailing characters");
        }
        return v;
    }

    public static Object parse(byte[] buf) throws JsonParseException {
        return parse(buf, 0, buf.length);
    }

    public static Object parse(String text) throws JsonParseException {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Validates that the region is exactly one JSON object and returns the value of its top-level field
     * {@code field} as a signed 64-bit integer.
     *
     * @throws JsonParseException if the JSON is malformed, not an object, lacks the field, or the field is not an
     *                            integer that fits in a signed 64-bit value
     */
    public static long topLevelInteger(byte[] buf, int off, int len, byte[] field) throws JsonParseException {
        JsonReader r = new JsonReader(buf, off, len);
        r.skipWs();
        if (r.pos >= r.end || r.buf[r.pos] != '{') {
            throw r.error("expected a JSON object");
        }
        r.pos++;
        r.depth = 1;
        boolean found = false;
        long result = 0;
        r.skipWs();
        if (r.peek() == '}') {
            r.pos++;
        } else {
            while (true) {
                r.skipWs();
                int keyStart = r.pos;
                r.skipString();
                boolean isField = r.rawKeyEquals(keyStart, field);
                r.skipWs();
                r.expect(':');
                r.skipWs();
                if (isField) {
                    if (found) {
                        throw r.error("duplicate field `" + new String(field, StandardCharsets.UTF_8) + "`");
                    }
                    found = true;
                    int numStart = r.pos;
                    Object n = r.number(true);
                    if (!(n instanceof Long l)) {
                        r.pos = numStart;
                        throw r.error("field `" + new String(field, StandardCharsets.UTF_8) + "` is not a signed 64-bit integer");
                    }
                    result = l;
                } else {
                    r.value(false);
                }
                r.skipWs();
                byte c = r.next();
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    r.pos--;
                    throw r.error("expected `,` or `}`");
                }
            }
        }
        r.skipWs();
        if (r.pos != r.end) {
            throw r.error("trailing characters");
        }
        if (!found) {
            throw new JsonParseException("missing field `" + new String(field, StandardCharsets.UTF_8) + "`", 0);
        }
        return result;
    }

    private boolean rawKeyEquals(int keyStart, byte[] field) {
        // keyStart points at the opening quote; an escaped key never matches, which is fine for plain ASCII names
        int len = pos - keyStart - 2;
        if (len != field.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (buf[keyStart + 1 + i] != field[i]) {
                return false;
            }
        }
        return true;
    }

    private Object value(boolean build) throws JsonParseException {
        if (pos >= end) {
            throw error("EOF while parsing a value");
        }
        byte c = buf[pos];
        switch (c) {
            case '{':
                return object(build);
            case '[':
                return array(build);
            case '"':
                if (build) {
                    return string();
                }
                skipString();
                return null;
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number(build);
                }
                throw error("expected value");
        }
    }

    private Object object(boolean build) throws JsonParseException {
        if (++depth > MAX_DEPTH) {
            throw error("recursion limit exceeded");
        }
        pos++;
        Map<String, Object> map = build ? new LinkedHashMap<>() : null;
        skipWs();
        if (peek() == '}') {
            pos++;
            depth--;
            return map;
        }
        while (true) {
            skipWs();
            if (peek() != '"') {
                throw error("expected object key");
            }
            int keyPos = pos;
            String key;
            if (build) {
                key = string();
            } else {
                skipString(); // duplicate keys only matter where a tree is built
                key = null;
            }
            skipWs();
            expect(':');
            skipWs();
            Object v = value(build);
            if (build) {
                if (map.containsKey(key)) {
                    pos = keyPos;
                    throw error("duplicate field `" + key + "`");
                }
                map.put(key, v);
            }
            skipWs();
            byte c = next();
            if (c == '}') {
                depth--;
                return map;
            }
            if (c != ',') {
                pos--;
                throw error("expected `,` or `}`");
            }
        }
    }

    private Object array(boolean build) throws JsonParseException {
        if (++depth > MAX_DEPTH) {
            throw error("recursion limit exceeded");
        }
        pos++;
        List<Object> list = build ? new ArrayList<>() : null;
        skipWs();
        if (peek() == ']') {
            pos++;
            depth--;
            return list;
        }
        while (true) {
            skipWs();
            Object v = value(build);
            if (build) {
                list.add(v);
            }
            skipWs();
            byte c = next();
            if (c == ']') {
                depth--;
                return list;
            }
            if (c != ',') {
                pos--;
                throw error("expected `,` or `]`");
            }
        }
    }

    private Object number(boolean build) throws JsonParseException {
        int s = pos;
        boolean integral = true;
        if (peek() == '-') {
            pos++;
        }
        if (pos >= end) {
            throw error("EOF while parsing a number");
        }
        if (buf[pos] == '0') {
            pos++;
        } else if (buf[pos] >= '1' && buf[pos] <= '9') {
            while (pos < end && isDigit(buf[pos])) {
                pos++;
            }
        } else {
            throw error("invalid number");
        }
        if (pos < end && buf[pos] == '.') {
            integral = false;
            pos++;
            if (pos >= end || !isDigit(buf[pos])) {
                throw error("invalid number");
            }
            while (pos < end && isDigit(buf[pos])) {
                pos++;
            }
        }
        if (pos < end && (buf[pos] == 'e' || buf[pos] == 'E')) {
            integral = false;
            pos++;
            if (pos < end && (buf[pos] == '+' || buf[pos] == '-')) {
                pos++;
            }
            if (pos >= end || !isDigit(buf[pos])) {
                throw error("invalid number");
            }
            while (pos < end && isDigit(buf[pos])) {
                pos++;
            }
        }
        if (!build) {
            return null;
        }
        String text = new String(buf, s, pos - s, StandardCharsets.US_ASCII);
        if (!integral) {
            return Double.parseDouble(text);
        }
        int digits = pos - s - (buf[s] == '-' ? 1 : 0);
        if (digits <= 18) {
            return Long.parseLong(text);
        }
        BigInteger big = new BigInteger(text);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private String string() throws JsonParseException {
        pos++;
        StringBuilder sb = null;
        int runStart = pos;
        while (true) {
            if (pos >= end) {
                throw error("EOF while parsing a string");
            }
            byte c = buf[pos];
            if (c == '"') {
                String tail = utf8(runStart, pos);
                pos++;
                return sb == null ? tail : sb.append(tail).toString();
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(utf8(runStart, pos));
                pos++;
                sb.append(escape());
                runStart = pos;
            } else if ((c & 0xff) < 0x20) {
                throw error("control character in string");
            } else if (c < 0) {
                pos = utf8Sequence(pos);
            } else {
                pos++;
            }
        }
    }

    private void skipString() throws JsonParseException {
        if (peek() != '"') {
            throw error("expected string");
        }
        pos++;
        while (true) {
            if (pos >= end) {
                throw error("EOF while parsing a string");
            }
            byte c = buf[pos];
            if (c == '"') {
                pos++;
                return;
            }
            if (c == '\\') {
                pos++;
                escape();
            } else if ((c & 0xff) < 0x20) {
                throw error("control character in string");
            } else if (c < 0) {
                pos = utf8Sequence(pos);
            } else {
                pos++;
            }
        }
    }

    private String escape() throws JsonParseException {
        if (pos >= end) {
            throw error("EOF while parsing a string");
        }
        byte e = buf[pos++];
        switch (e) {
            case '"': return "\"";
            case '\\': return "\\";
            case '/': return "/";
            case 'b': return "\b";
            case 'f': return "\f";
            case 'n': return "\n";
            case 'r': return "\r";
            case 't': return "\t";
            case 'u':
                int cp = hex4();
                if (Character.isHighSurrogate((char) cp)) {
                    if (pos + 6 <= end && buf[pos] == '\\' && buf[pos + 1] == 'u') {
                        pos += 2;
                        int low = hex4();
                        if (!Character.isLowSurrogate((char) low)) {
                            throw error("lone leading surrogate in hex escape");
                        }
                        return new String(new char[] {(char) cp, (char) low});
                    }
                    throw error("lone leading surrogate in hex escape");
                }
                if (Character.isLowSurrogate((char) cp)) {
                    throw error("lone trailing surrogate in hex escape");
                }
                return String.valueOf((char) cp);
            default:
                pos--;
                throw error("invalid escape");
        }
    }

    private int hex4() throws JsonParseException {
        if (pos + 4 > end) {
            throw error("EOF while parsing a string");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(buf[pos + i], 16);
            if (d < 0) {
                pos += i;
                throw error("invalid escape");
            }
            v = (v << 4) | d;
        }
        pos += 4;
        return v;
    }

    /** Validates one multi-byte UTF-8 sequence starting at {@code p}; returns the position after it. */
    private int utf8Sequence(int p) throws JsonParseException {
        int b = buf[p] & 0xff;
        int n;
        int min;
        if (b >= 0xc2 && b <= 0xdf) {
            n = 1;
            min = 0x80;
        } else if (b >= 0xe0 && b <= 0xef) {
            n = 2;
            min = 0x800;
        } else if (b >= 0xf0 && b <= 0xf4) {
            n = 3;
            min = 0x10000;
        } else {
            pos = p;
            throw error("invalid UTF-8");
        }
        int cp = b & (0x3f >> n);
        for (int i = 1; i <= n; i++) {
            if (p + i >= end || (buf[p + i] & 0xc0) != 0x80) {
                pos = p;
                throw error("invalid UTF-8");
            }
            cp = (cp << 6) | (buf[p + i] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            pos = p;
            throw error("invalid UTF-8");
        }
        return p + n + 1;
    }

    private String utf8(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }

    private void literal(String word) throws JsonParseException {
        int n = word.length();
        if (pos + n > end) {
            throw error("EOF while parsing a value");
        }
        for (int i = 0; i < n; i++) {
            if (buf[pos + i] != word.charAt(i)) {
                throw error("expected `" + word + "`");
            }
        }
        pos += n;
    }

    private void skipWs() {
        while (pos < end) {
            byte c = buf[pos];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else {
                return;
            }
        }
    }

    private byte peek() throws JsonParseException {
        if (pos >= end) {
            throw error("unexpected EOF");
        }
        return buf[pos];
    }

    private byte next() throws JsonParseException {
        byte c = peek();
        pos++;
        return c;
    }

    private void expect(char c) throws JsonParseException {
        if (pos >= end || buf[pos] != c) {
            throw error("expected `" + c + "`");
        }
        pos++;
    }

    private JsonParseException error(String reason) {
        return new JsonParseException(reason, pos - start);
    }
}
