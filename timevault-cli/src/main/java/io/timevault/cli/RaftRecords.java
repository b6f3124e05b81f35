package io.timevault.cli;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes the Raft adapter's records (spec timevault-format §2.4.3),
 * {@code {"timestamp":7,"log_id":{"leader_id":{"term":3,"node_id":176},"index":7},"kind":"Normal","payload":...}},
 * into the flat object {@code dump --raft} prints. The payload is kept as the JSON it is stored as; a jraft
 * payload whose base64 {@code data} holds JSON also shows it decoded ({@code data_json}).
 */
final class RaftRecords {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private RaftRecords() {
    }

    static boolean isRaft(byte[] record) {
        try {
            JsonNode n = MAPPER.readTree(record);
            return n.isObject() && n.get("log_id") != null && n.get("kind") != null;
        } catch (JacksonException e) {
            return false;
        }
    }

    /** {@code T<term>-N<node>-<index>}, OpenRaft's display form, or "?" when the record is not a Raft record. */
    static String logId(byte[] record) {
        try {
            JsonNode id = MAPPER.readTree(record).get("log_id");
            JsonNode leader = id.get("leader_id");
            return "T" + leader.get("term").asString() + "-N" + leader.get("node_id").asString() + "-"
                    + id.get("index").asString();
        } catch (JacksonException | NullPointerException e) {
            return "?";
        }
    }

    /**
     * {@code {"index":7,"term":3,"node_id":176,"kind":"Normal","payload":...}}.
     *
     * @throws IllegalArgumentException when the record is not a Raft record
     */
    static ObjectNode decode(byte[] record) {
        JsonNode n;
        try {
            n = MAPPER.readTree(record);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode id = n.get("log_id");
        JsonNode leader = id == null ? null : id.get("leader_id");
        if (leader == null || id.get("index") == null || n.get("kind") == null) {
            throw new IllegalArgumentException("not a Raft record (no log_id.leader_id, log_id.index or kind)");
        }
        ObjectNode out = MAPPER.createObjectNode();
        out.set("index", id.get("index"));
        out.set("term", leader.get("term"));
        out.set("node_id", leader.get("node_id"));
        out.set("kind", n.get("kind"));
        JsonNode payload = n.get("payload") == null ? MAPPER.nullNode() : n.get("payload");
        out.set("payload", withJsonData(payload));
        return out;
    }

    /**
     * A jraft payload ({@code {"type":"DATA","data":"<base64>"}}) whose data bytes are one JSON document gets them
     * beside, decoded, as {@code data_json}: an operator reads the command, not its base64.
     */
    private static JsonNode withJsonData(JsonNode payload) {
        JsonNode data = payload.isObject() ? payload.get("data") : null;
        if (data == null || !data.isString()) {
            return payload;
        }
        try {
            byte[] bytes = java.util.Base64.getDecoder().decode(data.asString());
            JsonNode json = MAPPER.readTree(bytes);
            ObjectNode copy = ((ObjectNode) payload).deepCopy();
            copy.set("data_json", json);
            return copy;
        } catch (IllegalArgumentException | JacksonException e) {
            return payload; // not base64 of JSON: shown as stored
        }
    }
}
