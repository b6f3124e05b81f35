package io.timevault.raft.jraft;

import com.alipay.sofa.jraft.entity.PeerId;
import io.timevault.store.DurableFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The durable table that turns the node id in the vote back into the exact jraft {@link PeerId} voted for.
 *
 * <h2>On disk</h2>
 * {@value #FILE} in the partition directory: one JSON object from unsigned node id (as a string, ascending) to
 * the full peer string, priority included, e.g. {@code {"9151314447641411584":"127.0.0.1:8081"}}. Replaced
 * atomically and durably ({@link DurableFiles#writeAtomically}); absent means empty.
 *
 * <h2>Invariant and recovery</h2>
 * Every non-zero node id in {@code raft_vote.json} is in the table: a peer is registered (and the table made
 * durable) before the vote naming it is saved, and entries are never removed. A crash between the two steps leaves
 * an extra entry, which is harmless. Id 0 is "no vote" and never stored. A peer whose priority changed replaces its
 * entry (same id, as jraft's {@code PeerId.equals} ignores the priority). A table that does not parse, or a vote
 * whose id is missing, is an error: the node does not start rather than forget whom it voted for.
 *
 * <p>Thread rule: not thread-safe; its meta storage calls it under its own lock. Memory changes only after the
 * file was written.
 */
final class PeerTable {

    static final String FILE = "jraft_peers.json";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final Path file;
    private SortedMap<Long, String> peers;

    private PeerTable(Path file, SortedMap<Long, String> peers) {
        this.file = file;
        this.peers = peers;
    }

    /**
     * Reads the table in {@code directory} (empty if there is none).
     *
     * @throws IllegalStateException if the file exists but is not a table
     */
    static PeerTable load(Path directory) {
        Path file = directory.resolve(FILE);
        SortedMap<Long, String> peers = new TreeMap<>(Long::compareUnsigned);
        byte[] bytes = DurableFiles.readIfExists(file).orElse(null);
        if (bytes != null) {
            try {
                JsonNode root = MAPPER.readTree(bytes);
                if (!root.isObject()) {
                    throw new IllegalStateException(file + " is not a JSON object");
                }
                for (Map.Entry<String, JsonNode> entry : root.properties()) {
                    if (!entry.getValue().isString()) {
                        throw new IllegalStateException(file + ": the peer of id " + entry.getKey() + " is not a string");
                    }
                    PeerIds.parse(entry.getValue().stringValue());
                    peers.put(Long.parseUnsignedLong(entry.getKey()), entry.getValue().stringValue());
                }
            } catch (JacksonException | IllegalArgumentException e) {
                throw new IllegalStateException(file + " is not a peer table: " + e.getMessage(), e);
            }
        }
        return new PeerTable(file, peers);
    }

    /**
     * The node id of {@code peer}, registered durably first if the table does not hold it yet.
     *
     * @throws IllegalStateException if another peer already holds the id (a hash collision; nothing is written)
     */
    long register(PeerId peer) {
        long id = PeerIds.nodeId(peer);
        if (id == PeerIds.NO_PEER) {
            return id;
        }
        String text = peer.toString();
        String known = peers.get(id);
        if (text.equals(known)) {
            return id;
        }
        if (known != null && !PeerIds.parse(known).equals(peer)) {
            throw new IllegalStateException("peers " + known + " and " + text + " share node id "
                    + Long.toUnsignedString(id) + " in " + file);
        }
        SortedMap<Long, String> updated = new TreeMap<>(peers);
        updated.put(id, text);
        DurableFiles.writeAtomically(file, json(updated));
        peers = updated;
        return id;
    }

    /**
     * The peer with node id {@code id}; the empty peer for 0.
     *
     * @throws IllegalStateException if the table does not know the id
     */
    PeerId peer(long id) {
        if (id == PeerIds.NO_PEER) {
            return PeerId.emptyPeer();
        }
        String peer = peers.get(id);
        if (peer == null) {
            throw new IllegalStateException("the vote names node id " + Long.toUnsignedString(id)
                    + ", which " + file + " does not hold");
        }
        return PeerIds.parse(peer);
    }

    /** The registered peers by id, ascending (unsigned). */
    SortedMap<Long, String> peers() {
        return Collections.unmodifiableSortedMap(peers);
    }

    private static byte[] json(SortedMap<Long, String> peers) {
        ObjectNode root = MAPPER.createObjectNode();
        peers.forEach((id, peer) -> root.put(Long.toUnsignedString(id), peer));
        return MAPPER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
    }
}
