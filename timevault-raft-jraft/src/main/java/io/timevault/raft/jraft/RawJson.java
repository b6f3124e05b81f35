package io.timevault.raft.jraft;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * A command's bytes that are one JSON value, stored in the record verbatim (readable with {@code jq}) and given back
 * byte for byte. Only bytes that pass {@link #ifOneJsonValue} are held: valid UTF-8 that is exactly one JSON value
 * (RFC 8259, as Jackson reads it by default: no comments, no NaN, no leading zeros, lengths within Jackson's
 * default limits, nesting at most {@value #MAX_DEPTH} deep), that starts and ends with the value itself (no surrounding whitespace, which a reader
 * could not tell apart from the record's own) and has no raw line break (a record is one line).
 *
 * <p>Immutable; thread-safe.
 */
public final class RawJson {

    /** What decoding leaves until the codec puts the exact bytes in (see {@code JRaftRecordCodec}). */
    static final RawJson UNRESOLVED = new RawJson(new byte[0]);

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * Deepest nesting accepted: well inside Jackson's default limit of 500 once the value sits three levels down in
     * a record ({@code record → payload → json}), so that every value accepted here also reads back.
     */
    static final int MAX_DEPTH = 256;

    private final byte[] bytes;

    private RawJson(byte[] bytes) {
        this.bytes = bytes;
    }

    /** {@code bytes} (copied) if they are one JSON value as described above; empty otherwise. */
    public static Optional<RawJson> ifOneJsonValue(byte[] bytes) {
        return isOneJsonValue(bytes) ? Optional.of(new RawJson(bytes.clone())) : Optional.empty();
    }

    /** Bytes known to be one JSON value: a span of a record that was written from one. */
    static RawJson trusted(byte[] bytes) {
        return new RawJson(bytes);
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes as text (they are valid UTF-8). */
    String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static boolean isOneJsonValue(byte[] bytes) {
        if (bytes.length == 0 || isWhitespace(bytes[0]) || isWhitespace(bytes[bytes.length - 1])) {
            return false;
        }
        for (byte b : bytes) {
            if (b == '\n' || b == '\r') {
                return false;
            }
        }
        if (!isUtf8(bytes)) {
            return false;
        }
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), bytes)) {
            if (parser.nextToken() == null) {
                return false;
            }
            int depth = 0;
            JsonToken token = parser.currentToken();
            while (true) {
                if (token.isStructStart()) {
                    if (++depth > MAX_DEPTH) {
                        return false;
                    }
                } else if (token.isStructEnd()) {
                    depth--;
                } else if (token == JsonToken.VALUE_STRING || token == JsonToken.PROPERTY_NAME) {
                    parser.getString(); // decodes escapes: a bad escape is an error here, not when read back
                }
                if (depth == 0) {
                    break;
                }
                token = parser.nextToken();
            }
            return parser.nextToken() == null;
        } catch (JacksonException e) {
            return false;
        }
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawJson raw && Arrays.equals(bytes, raw.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return text();
    }
}
