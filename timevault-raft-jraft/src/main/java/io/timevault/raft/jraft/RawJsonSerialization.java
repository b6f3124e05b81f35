package io.timevault.raft.jraft;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;

/**
 * How Jackson writes and reads a {@link RawJson} inside a record: written verbatim; on reading the value is skipped
 * and {@link RawJson#UNRESOLVED} returned, because a parser cannot hand back the exact bytes it read (numbers,
 * escapes and whitespace would be normalized). {@code JRaftRecordCodec} then puts in the bytes from the record.
 */
final class RawJsonSerialization {

    private RawJsonSerialization() {
    }

    static final class Writer extends ValueSerializer<RawJson> {

        @Override
        public void serialize(RawJson value, JsonGenerator generator, SerializationContext context) {
            generator.writeRawValue(value.text());
        }
    }

    static final class Reader extends ValueDeserializer<RawJson> {

        @Override
        public RawJson deserialize(JsonParser parser, DeserializationContext context) {
            parser.skipChildren();
            return RawJson.UNRESOLVED;
        }

        /** A command that is the JSON literal {@code null} is stored as {@code "json":null}. */
        @Override
        public RawJson getNullValue(DeserializationContext context) {
            return RawJson.UNRESOLVED;
        }

        /** No {@code json} field: the data is in another form. */
        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return null;
        }
    }
}
