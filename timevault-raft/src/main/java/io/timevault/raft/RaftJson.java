package io.timevault.raft;

import java.math.BigInteger;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * The JSON shapes of OpenRaft's ids as timevault-rs writes them (serde field order, unsigned 64-bit numbers):
 * {@code LeaderId} = {@code {"term":T,"node_id":N}}, {@code LogId} = {@code {"leader_id":..,"index":I}},
 * {@code Vote} = {@code {"leader_id":..,"committed":B}}. Readers accept any field order and ignore unknown fields,
 * as serde does, but reject missing fields and non-u64 numbers.
 */
final class RaftJson {

    private static final BigInteger TWO_POW_64 = BigInteger.ONE.shiftLeft(64);

    private RaftJson() {
    }

    static void writeUnsigned(JsonGenerator g, long value) {
        if (value >= 0) {
            g.writeNumber(value);
        } else {
            g.writeNumber(new BigInteger(Long.toUnsignedString(value)));
        }
    }

    static void writeLeaderId(JsonGenerator g, LeaderId id) {
        g.writeStartObject();
        g.writeName("term");
        writeUnsigned(g, id.term());
        g.writeName("node_id");
        writeUnsigned(g, id.nodeId());
        g.writeEndObject();
    }

    static void writeLogId(JsonGenerator g, LogId id) {
        g.writeStartObject();
        g.writeName("leader_id");
        writeLeaderId(g, id.leaderId());
        g.writeName("index");
        writeUnsigned(g, id.index());
        g.writeEndObject();
    }

    static void writeVote(JsonGenerator g, Vote vote) {
        g.writeStartObject();
        g.writeName("leader_id");
        writeLeaderId(g, vote.leaderId());
        g.writeName("committed");
        g.writeBoolean(vote.committed());
        g.writeEndObject();
    }

    static LogId readLogId(JsonNode node, String where) {
        JsonNode object = object(node, where);
        return new LogId(readLeaderId(object.get("leader_id"), where + ".leader_id"),
                unsigned(object.get("index"), where + ".index"));
    }

    static LeaderId readLeaderId(JsonNode node, String where) {
        JsonNode object = object(node, where);
        return new LeaderId(unsigned(object.get("term"), where + ".term"),
                unsigned(object.get("node_id"), where + ".node_id"));
    }

    static Vote readVote(JsonNode node, String where) {
        JsonNode object = object(node, where);
        JsonNode committed = object.get("committed");
        if (committed == null || !committed.isBoolean()) {
            throw new RaftRecordException(where + ".committed must be a boolean");
        }
        return new Vote(readLeaderId(object.get("leader_id"), where + ".leader_id"), committed.booleanValue());
    }

    static JsonNode object(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new RaftRecordException(where + " must be an object");
        }
        return node;
    }

    /** A u64 as serde reads it: an integer literal in [0, 2^64), returned as its two's-complement {@code long}. */
    static long unsigned(JsonNode node, String where) {
        if (node == null || !node.isIntegralNumber()) {
            throw new RaftRecordException(where + " must be an unsigned 64-bit integer");
        }
        BigInteger value = node.bigIntegerValue();
        if (value.signum() < 0 || value.compareTo(TWO_POW_64) >= 0) {
            throw new RaftRecordException(where + " is out of the unsigned 64-bit range: " + value);
        }
        return value.longValue();
    }

    /** An i64, as timevault-rs reads the jsonl {@code timestamp}. */
    static long signed(JsonNode node, String where) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new RaftRecordException(where + " must be a signed 64-bit integer");
        }
        return node.longValue();
    }
}
