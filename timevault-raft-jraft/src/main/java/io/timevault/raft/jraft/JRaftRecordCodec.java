package io.timevault.raft.jraft;

import io.timevault.raft.Entry;
import io.timevault.raft.EntryPayload;
import io.timevault.raft.JacksonFormatPlugin;
import io.timevault.raft.RaftRecordCodec;
import io.timevault.raft.RaftRecordException;
import java.util.Arrays;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The record codec of every jraft log: timevault-rs's raft line (by {@link JacksonFormatPlugin}) with a
 * {@link JRaftPayload} as data, whose {@code json} data is written verbatim and read back as the exact bytes of the
 * record: after the line is decoded, the span of {@code payload.json} is located with a streaming parser and copied.
 *
 * <p>Stateless; thread-safe.
 */
final class JRaftRecordCodec implements RaftRecordCodec<JRaftPayload> {

    static final JRaftRecordCodec INSTANCE = new JRaftRecordCodec();

    private static final JacksonFormatPlugin<JRaftPayload> LINES = JacksonFormatPlugin.forType(JRaftPayload.class);

    private static final JsonFactory JSON = new JsonFactory();

    private JRaftRecordCodec() {
    }

    @Override
    public byte[] encode(Entry<JRaftPayload> entry) {
        return LINES.encode(entry);
    }

    @Override
    public Entry<JRaftPayload> decode(byte[] record, int offset, int length) {
        Entry<JRaftPayload> entry = LINES.decode(record, offset, length);
        if (entry.payload() instanceof EntryPayload.Normal<JRaftPayload> normal && normal.data().json() != null) {
            RawJson json = RawJson.trusted(jsonSpan(record, offset, length));
            return Entry.normal(entry.logId(), normal.data().withJson(json));
        }
        return entry;
    }

    /** The exact bytes of {@code payload.json} in the record. */
    private static byte[] jsonSpan(byte[] record, int offset, int length) {
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), record, offset, length)) {
            if (parser.nextToken() == JsonToken.START_OBJECT && seek(parser, "payload")
                    && parser.nextToken() == JsonToken.START_OBJECT && seek(parser, "json")) {
                parser.nextToken();
                long start = parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                parser.finishToken(); // a string token is read lazily: its end is known once it is finished
                long end = parser.currentLocation().getByteOffset();
                return Arrays.copyOfRange(record, offset + (int) start, offset + (int) end);
            }
        } catch (JacksonException e) {
            throw new RaftRecordException("payload.json cannot be located: " + e.getOriginalMessage(), e);
        }
        throw new RaftRecordException("payload.json cannot be located");
    }

    /** Moves to the value of property {@code name} of the current object; false if the object has none. */
    private static boolean seek(JsonParser parser, String name) {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
            if (name.equals(parser.currentName())) {
                return true;
            }
            parser.nextToken();
            parser.skipChildren();
        }
        return false;
    }

    @Override
    public boolean supportsFormat(String name) {
        return LINES.supportsFormat(name);
    }

    @Override
    public String toString() {
        return "JRaftRecordCodec";
    }
}
