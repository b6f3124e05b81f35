package io.timevault.raft.jraft;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The entry data type {@code D} of a jraft log: every field of a jraft {@code LogEntry} that the log id does not
 * already hold, as JSON. It is the payload of {@code Normal} records. The entry's data (for a {@code DATA} entry,
 * the command the application proposed) is stored one of two ways:
 *
 * <pre>{@code
 * {"timestamp":7,"log_id":{"leader_id":{"term":2,"node_id":0},"index":7},"kind":"Normal","payload":{"type":"DATA","json":{"op":"PUT","key":"a","value":"1"}}}
 * {"timestamp":8,"log_id":{"leader_id":{"term":2,"node_id":0},"index":8},"kind":"Normal","payload":{"type":"DATA","base64":"AAEC/w=="}}
 * }</pre>
 *
 * <ul>
 *   <li>{@code json}: the data bytes verbatim, when they are one JSON value without raw line breaks or surrounding
 *       whitespace (see {@link RawJson}); {@code jq '.payload.json'} shows the command, and reading gives back
 *       exactly the proposed bytes (whitespace, escapes and number forms included).
 *   <li>{@code base64}: standard base64 of any other bytes; the field name is the marker.
 *   <li>{@code data}: base64, as records written before {@code json} existed have it; read, never written.
 * </ul>
 * At most one of the three is present; none when the data is empty.
 *
 * <p>Every {@code DATA} entry is stored this way. {@code NO_OP} and {@code CONFIGURATION} entries are stored as
 * {@code Blank} and {@code Membership} records instead, unless that form would lose something (see
 * {@link LogEntryMapping}); then they are stored this way too, with their type. {@code type} is always the first
 * field, so a reader can tell a configuration from data without reading the data.
 *
 * <p>Immutable; thread-safe.
 *
 * @param type        the jraft entry type without its {@code ENTRY_TYPE_} prefix: {@code DATA}, {@code NO_OP},
 *                    {@code CONFIGURATION} or {@code UNKNOWN}
 * @param json        the entry's data when it is one JSON value, verbatim; {@code null} otherwise
 * @param base64      the entry's other data, standard base64; {@code null} when empty or held in {@code json}
 * @param data        legacy base64 data of older records; {@code null} in records written now
 * @param peers       the voters, as {@code PeerId} strings in order; {@code null} when empty
 * @param oldPeers    the previous voters of a joint configuration; {@code null} when empty
 * @param learners    the learners; {@code null} when empty
 * @param oldLearners the previous learners of a joint configuration; {@code null} when empty
 * @param checksum    the entry's checksum; {@code null} when the entry carries none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "json", "base64", "data", "peers", "old_peers", "learners", "old_learners", "checksum"})
public record JRaftPayload(
        @JsonProperty("type") String type,
        @JsonProperty("json") @JsonSerialize(using = RawJsonSerialization.Writer.class)
        @JsonDeserialize(using = RawJsonSerialization.Reader.class) RawJson json,
        @JsonProperty("base64") String base64,
        @JsonProperty("data") String data,
        @JsonProperty("peers") List<String> peers,
        @JsonProperty("old_peers") List<String> oldPeers,
        @JsonProperty("learners") List<String> learners,
        @JsonProperty("old_learners") List<String> oldLearners,
        @JsonProperty("checksum") Long checksum) {

    /** The {@code type} of a configuration entry. */
    public static final String CONFIGURATION = "CONFIGURATION";

    public JRaftPayload {
        Objects.requireNonNull(type, "type");
        int forms = ((json != null) ? 1 : 0) + ((base64 != null) ? 1 : 0) + ((data != null) ? 1 : 0);
        if (forms > 1) {
            throw new IllegalArgumentException("at most one of json, base64 and data may be set");
        }
        peers = copyOrNull(peers);
        oldPeers = copyOrNull(oldPeers);
        learners = copyOrNull(learners);
        oldLearners = copyOrNull(oldLearners);
    }

    /** A payload whose data is stored as {@code base64} (the form of any bytes). */
    public JRaftPayload(String type, String base64, List<String> peers, List<String> oldPeers, List<String> learners,
            List<String> oldLearners, Long checksum) {
        this(type, null, base64, null, peers, oldPeers, learners, oldLearners, checksum);
    }

    /** A payload holding {@code bytes} as {@code json} when they are one JSON value, else as {@code base64}. */
    static JRaftPayload of(String type, byte[] bytes, List<String> peers, List<String> oldPeers,
            List<String> learners, List<String> oldLearners, Long checksum) {
        if (bytes.length == 0) {
            return new JRaftPayload(type, null, null, null, peers, oldPeers, learners, oldLearners, checksum);
        }
        RawJson json = RawJson.ifOneJsonValue(bytes).orElse(null);
        String base64 = (json == null) ? Base64.getEncoder().encodeToString(bytes) : null;
        return new JRaftPayload(type, json, base64, null, peers, oldPeers, learners, oldLearners, checksum);
    }

    /** The data bytes, whichever form holds them; empty when there are none. */
    byte[] dataBytes() {
        if (json != null) {
            return json.bytes();
        }
        String encoded = (base64 != null) ? base64 : data;
        return (encoded != null) ? Base64.getDecoder().decode(encoded) : new byte[0];
    }

    /** This payload with {@code value} as its {@code json}. */
    JRaftPayload withJson(RawJson value) {
        return new JRaftPayload(type, value, base64, data, peers, oldPeers, learners, oldLearners, checksum);
    }

    private static List<String> copyOrNull(List<String> peers) {
        return peers == null || peers.isEmpty() ? null : List.copyOf(peers);
    }
}
