package io.timevault.raft;

import io.timevault.store.FormatPlugin;
import io.timevault.store.FormatPlugins;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Raft record codec of timevault-rs, typed by the entry data {@code D}, on Jackson 3. Each entry is one
 * {@code jsonl} line (spec timevault-format §2.4.3):
 *
 * <pre>{@code {"timestamp":7,"log_id":{"leader_id":{"term":3,"node_id":176},"index":7},"kind":"Normal","payload":{"value":42}}}</pre>
 *
 * <p>followed by LF. Fields in exactly that order; {@code timestamp} is the index as a signed 64-bit number (as
 * timevault-rs writes it, so the store's order key is the index); {@code kind} is {@code Blank}, {@code Normal}
 * or {@code Membership}; {@code payload} is {@code null} for Blank, the data as JSON for Normal, and
 * {@code {"configs":[[..]],"nodes":{"<id>":{"addr":".."}}}} for Membership with config ids ascending and node keys
 * sorted as strings (serde_json's dynamic-map order, which timevault-rs writes). Normal data is written by the
 * mapper as it is configured — timevault-rs sorts object keys there, which it does not need when reading. The
 * fixed fields are written directly (they are plain numbers and names), only the payload goes through Jackson.
 *
 * <p>Entry data binds as the mapper is configured unless {@link #withStrictDecoding} forces strict or lenient
 * binding (the Spring Boot starter makes its codecs strict by default).
 *
 * <p>Decoding of the line accepts any field order and unknown fields (as serde does) and is strict otherwise: a record that
 * is not a valid Raft line — bad JSON, unknown kind, a payload that does not bind to {@code D}, a timestamp that is
 * not the index — is a {@link RaftRecordException}, never a substitute Blank entry (timevault-rs bug, spec §7 item
 * 28). A Normal line in the encoder's own layout is decoded without a tree: its fixed fields are read from the
 * bytes ({@link CanonicalLine}) and only the payload is bound. As a store {@link FormatPlugin} it frames exactly
 * like {@link FormatPlugins#JSONL}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <D> the application data type
 */
public final class JacksonFormatPlugin<D> implements RaftRecordCodec<D>, FormatPlugin {

    private static final JsonMapper DEFAULT_MAPPER = JsonMapper.builder().build();
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private final JavaType dataType;
    private final ObjectMapper mapper;
    private final ObjectWriter dataWriter;
    private final ObjectReader dataReader;
    private final ObjectReader treeReader;
    private final ObjectReader payloadReader;
    private final Decoding decoding;
    private final String logName;

    private JacksonFormatPlugin(JavaType dataType, ObjectMapper mapper) {
        this(dataType, mapper, Decoding.AS_MAPPER, null);
    }

    private JacksonFormatPlugin(JavaType dataType, ObjectMapper mapper, Decoding decoding, String logName) {
        this.dataType = Objects.requireNonNull(dataType, "dataType");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.decoding = decoding;
        this.logName = logName;
        // A pretty-printing user mapper would break the one-line framing.
        this.dataWriter = mapper.writerFor(dataType).without(SerializationFeature.INDENT_OUTPUT);
        this.dataReader = switch (decoding) {
            case AS_MAPPER -> mapper.readerFor(dataType);
            case STRICT -> mapper.readerFor(dataType).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
            case LENIENT -> mapper.readerFor(dataType).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        };
        this.treeReader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.payloadReader = dataReader.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** How entry data is bound: as the mapper is configured, or with the strictness forced on or off. */
    private enum Decoding { AS_MAPPER, STRICT, LENIENT }

    /**
     * This codec with strict or lenient binding of the entry data, whatever the mapper says. Strict: an unknown
     * property, or a primitive that is missing or {@code null} (for records and other constructor-bound types), is a
     * {@link RaftRecordException} naming the index and the field; so a renamed or retyped field of the entry class
     * fails loudly instead of reading old records with {@code null} or zero. Lenient: unknown properties are
     * ignored and missing primitives read as zero.
     */
    public JacksonFormatPlugin<D> withStrictDecoding(boolean strict) {
        return new JacksonFormatPlugin<>(dataType, mapper, strict ? Decoding.STRICT : Decoding.LENIENT, logName);
    }

    /** This codec, naming the log {@code name} in its decoding errors. */
    public JacksonFormatPlugin<D> named(String name) {
        return new JacksonFormatPlugin<>(dataType, mapper, decoding, Objects.requireNonNull(name, "name"));
    }

    /** A codec for data of class {@code type}, with a default {@link JsonMapper}. */
    public static <D> JacksonFormatPlugin<D> forType(Class<D> type) {
        return forType(type, DEFAULT_MAPPER);
    }

    /** A codec for data of class {@code type}, serialized by {@code mapper}. */
    public static <D> JacksonFormatPlugin<D> forType(Class<D> type, ObjectMapper mapper) {
        return new JacksonFormatPlugin<>(mapper.constructType(type), mapper);
    }

    /** A codec for a generic data type, e.g. {@code new TypeReference<Map<String, Long>>() {}}. */
    public static <D> JacksonFormatPlugin<D> forType(TypeReference<D> type, ObjectMapper mapper) {
        return new JacksonFormatPlugin<>(mapper.constructType(type), mapper);
    }

    /** A codec for data of Jackson type {@code type}, with a default {@link JsonMapper}; see the overload. */
    public static <D> JacksonFormatPlugin<D> forJavaType(JavaType type) {
        return forJavaType(type, DEFAULT_MAPPER);
    }

    /**
     * A codec for data of Jackson type {@code type}. The caller vouches that {@code type} describes {@code D};
     * this is the entry point for containers that resolve the type at run time (e.g. Spring's ResolvableType).
     */
    public static <D> JacksonFormatPlugin<D> forJavaType(JavaType type, ObjectMapper mapper) {
        return new JacksonFormatPlugin<>(type, mapper);
    }

    /** The Jackson type of the entry data. */
    public JavaType dataType() {
        return dataType;
    }

    /** The mapper that serializes the entry data. */
    public ObjectMapper mapper() {
        return mapper;
    }

    @Override
    public byte[] encode(Entry<D> entry) {
        EntryPayload<D> payload = entry.payload();
        String kind;
        byte[] json;
        if (payload instanceof EntryPayload.Normal<D> normal) {
            kind = "Normal";
            json = serialize(entry.logId(), normal.data());
        } else if (payload instanceof EntryPayload.MembershipChange<D> change) {
            kind = "Membership";
            json = membershipJson(change.membership());
        } else {
            kind = "Blank";
            json = NULL;
        }
        LogId id = entry.logId();
        return new LineBuilder(112 + json.length)
                .ascii("{\"timestamp\":").signed(id.index()) // i64, as timevault-rs writes it
                .ascii(",\"log_id\":{\"leader_id\":{\"term\":").unsigned(id.leaderId().term())
                .ascii(",\"node_id\":").unsigned(id.leaderId().nodeId())
                .ascii("},\"index\":").unsigned(id.index())
                .ascii("},\"kind\":\"").ascii(kind)
                .ascii("\",\"payload\":").bytes(json)
                .ascii("}\n")
                .toArray();
    }

    private byte[] serialize(LogId id, D data) {
        byte[] json;
        try {
            json = dataWriter.writeValueAsBytes(data);
        } catch (JacksonException e) {
            throw new RaftRecordException("entry " + id + " does not serialize: " + e.getOriginalMessage(), e);
        } catch (RuntimeException e) { // thrown by the data's own accessors
            throw new RaftRecordException("entry " + id + " does not serialize: " + e, e);
        }
        for (byte b : json) {
            if (b == '\n') {
                throw new RaftRecordException("entry " + id + " serializes to more than one line");
            }
        }
        return json;
    }

    private byte[] membershipJson(Membership membership) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 24 * membership.nodes().size());
        try (JsonGenerator g = dataWriter.createGenerator(out)) {
            writeMembership(g, membership);
        }
        return out.toByteArray();
    }

    private static void writeMembership(JsonGenerator g, Membership membership) {
        g.writeStartObject();
        g.writeName("configs");
        g.writeStartArray();
        for (SortedSet<Long> config : membership.configs()) {
            g.writeStartArray();
            for (long id : config) {
                RaftJson.writeUnsigned(g, id);
            }
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeName("nodes");
        g.writeStartObject();
        // serde_json's Value map orders keys as strings: "10" before "2".
        SortedMap<String, Node> byKeyString = new TreeMap<>();
        membership.nodes().forEach((id, node) -> byKeyString.put(Long.toUnsignedString(id), node));
        for (Map.Entry<String, Node> node : byKeyString.entrySet()) {
            g.writeName(node.getKey());
            g.writeStartObject();
            g.writeName("addr");
            g.writeString(node.getValue().addr());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    @Override
    public Entry<D> decode(byte[] record, int offset, int length) {
        CanonicalLine line = CanonicalLine.normal(record, offset, length);
        if (line != null && line.timestamp == line.index) {
            D data = bindCanonicalPayload(record, line);
            if (data != null) {
                return Entry.normal(LogId.of(line.term, line.node, line.index), data);
            }
        }
        return decodeTree(record, offset, length);
    }

    /**
     * The payload of a line in the encoder's own layout, bound straight from its bytes; {@code null} when it does
     * not bind as one value (e.g. a field after it), and the general path then decides.
     */
    private D bindCanonicalPayload(byte[] record, CanonicalLine line) {
        try {
            return payloadReader.readValue(record, line.payloadOffset, line.payloadLength);
        } catch (RuntimeException e) { // JacksonException, or the data's own constructor: the general path reports it
            return null;
        }
    }

    /** Any field order and unknown fields, through a tree of the whole line. */
    private Entry<D> decodeTree(byte[] record, int offset, int length) {
        JsonNode root;
        try {
            root = treeReader.readTree(record, offset, length);
        } catch (JacksonException e) {
            throw new RaftRecordException("not JSON: " + e.getOriginalMessage(), e);
        }
        RaftJson.object(root, "record");
        long timestamp = RaftJson.signed(root.get("timestamp"), "timestamp");
        LogId logId = RaftJson.readLogId(root.get("log_id"), "log_id");
        if (timestamp != logId.index()) {
            throw new RaftRecordException("timestamp " + timestamp + " is not the log index "
                    + Long.toUnsignedString(logId.index()));
        }
        JsonNode kind = root.get("kind");
        if (kind == null || !kind.isString()) {
            throw new RaftRecordException("kind must be a string");
        }
        JsonNode payload = root.get("payload");
        return switch (kind.stringValue()) {
            case "Blank" -> Entry.blank(logId);
            case "Normal" -> Entry.normal(logId, readData(logId, payload));
            case "Membership" -> Entry.membership(logId, readMembership(payload));
            default -> throw new RaftRecordException("unknown kind " + kind);
        };
    }

    private D readData(LogId logId, JsonNode payload) {
        if (payload == null || payload.isNull()) {
            throw new RaftRecordException(where(logId) + "Normal payload is missing or null");
        }
        try {
            D data = dataReader.readValue(payload);
            if (data == null) {
                throw new RaftRecordException(where(logId) + "Normal payload binds to null " + dataType);
            }
            return data;
        } catch (JacksonException e) {
            String field = e.getPath().isEmpty() ? "" : " (field '" + fieldPath(e) + "')";
            throw new RaftRecordException(where(logId) + "Normal payload does not bind to " + dataType.toCanonical()
                    + field + ": " + e.getOriginalMessage(), e);
        }
    }

    private String where(LogId logId) {
        return (logName == null ? "" : "log '" + logName + "', ") + "entry " + logId + ": ";
    }

    private static String fieldPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static Membership readMembership(JsonNode payload) {
        RaftJson.object(payload, "payload");
        JsonNode configs = payload.get("configs");
        if (configs == null || !configs.isArray()) {
            throw new RaftRecordException("payload.configs must be an array");
        }
        List<SortedSet<Long>> sets = new ArrayList<>();
        for (JsonNode config : configs.values()) {
            if (!config.isArray()) {
                throw new RaftRecordException("payload.configs must hold arrays of node ids");
            }
            SortedSet<Long> ids = new TreeSet<>(Long::compareUnsigned);
            for (JsonNode id : config.values()) {
                ids.add(RaftJson.unsigned(id, "payload.configs[]"));
            }
            sets.add(ids);
        }
        JsonNode nodes = RaftJson.object(payload.get("nodes"), "payload.nodes");
        SortedMap<Long, Node> members = new TreeMap<>(Long::compareUnsigned);
        for (Map.Entry<String, JsonNode> node : nodes.properties()) {
            long id;
            try {
                id = Long.parseUnsignedLong(node.getKey());
            } catch (NumberFormatException e) {
                throw new RaftRecordException("payload.nodes key is not a node id: " + node.getKey());
            }
            JsonNode addr = RaftJson.object(node.getValue(), "payload.nodes." + node.getKey()).get("addr");
            if (addr == null || !addr.isString()) {
                throw new RaftRecordException("payload.nodes." + node.getKey() + ".addr must be a string");
            }
            members.put(id, new Node(addr.stringValue()));
        }
        return new Membership(sets, members);
    }

    @Override
    public boolean supportsFormat(String name) {
        return "jsonl".equals(name) || "json".equals(name);
    }

    /** {@code jsonl}: the partition format these records are written in. */
    @Override
    public String name() {
        return FormatPlugins.JSONL.name();
    }

    @Override
    public int frameLength(byte[] buf, int off, int len) {
        return FormatPlugins.JSONL.frameLength(buf, off, len);
    }

    @Override
    public long orderKey(byte[] buf, int off, int len) {
        return FormatPlugins.JSONL.orderKey(buf, off, len);
    }

    @Override
    public String toString() {
        return "JacksonFormatPlugin<" + dataType.toCanonical() + ">"
                + (decoding == Decoding.AS_MAPPER ? "" : "[" + decoding.name().toLowerCase(java.util.Locale.ROOT) + "]")
                + (logName == null ? "" : "(log '" + logName + "')");
    }
}
