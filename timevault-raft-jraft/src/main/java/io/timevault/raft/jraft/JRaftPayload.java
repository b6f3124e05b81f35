package io.timevault.raft.jraft;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * The entry data type {@code D} of a jraft log: every field of a jraft {@code LogEntry} that the log id does not
 * already hold, as JSON. It is the payload of {@code Normal} records, e.g.
 *
 * <pre>{@code {"timestamp":7,"log_id":{"leader_id":{"term":2,"node_id":0},"index":7},"kind":"Normal","payload":{"type":"DATA","data":"aGVsbG8="}}}</pre>
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
 * @param data        the entry's data, standard base64; {@code null} when empty
 * @param peers       the voters, as {@code PeerId} strings in order; {@code null} when empty
 * @param oldPeers    the previous voters of a joint configuration; {@code null} when empty
 * @param learners    the learners; {@code null} when empty
 * @param oldLearners the previous learners of a joint configuration; {@code null} when empty
 * @param checksum    the entry's checksum; {@code null} when the entry carries none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "data", "peers", "old_peers", "learners", "old_learners", "checksum"})
public record JRaftPayload(
        @JsonProperty("type") String type,
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
        peers = copyOrNull(peers);
        oldPeers = copyOrNull(oldPeers);
        learners = copyOrNull(learners);
        oldLearners = copyOrNull(oldLearners);
    }

    private static List<String> copyOrNull(List<String> peers) {
        return peers == null || peers.isEmpty() ? null : List.copyOf(peers);
    }
}
