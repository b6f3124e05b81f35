package io.timevault.raft.jraft;

import com.alipay.sofa.jraft.entity.PeerId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The node id a jraft peer has in our records (membership entries and the vote), and the conversions between
 * {@link PeerId}s and the strings stored for them.
 *
 * <p>A jraft peer is {@code ip:port[:idx[:priority]]}; OpenRaft-style records want an unsigned 64-bit node id. The
 * id is a pure function of the peer's identity as jraft's {@code PeerId.equals} sees it (endpoint and idx, not the
 * priority), so every node of a cluster writes the same id for the same peer and the logs stay byte-identical:
 * <ul>
 *   <li>an IPv4 literal with port and idx below 65,536 packs into {@code ip << 32 | port << 16 | idx}, e.g.
 *       {@code 127.0.0.1:8081} is {@code 0x7F000001_1F91_0000} = 9151314447641411584. Ids of such peers sort like
 *       the peers (by address, then port, then idx), which keeps the usual configurations lossless as membership
 *       entries. The empty peer {@code 0.0.0.0:0} is 0, the "no vote" id.
 *   <li>any other peer (a host name, IPv6, a large idx) gets the first 64 bits of a name-based UUID of
 *       {@code ip:port:idx}; collisions are detected where they would matter (the membership check, the peer table).
 * </ul>
 * The full peer string, priority included, is stored beside the id wherever a peer must be restored.
 *
 * <p>Stateless; thread-safe.
 */
final class PeerIds {

    /** The id of {@link PeerId#emptyPeer()}: "voted for nobody". */
    static final long NO_PEER = 0;

    private PeerIds() {
    }

    /** The node id of {@code peer}; see the class documentation. */
    static long nodeId(PeerId peer) {
        long ip = ipv4(peer.getIp());
        int port = peer.getPort();
        int idx = peer.getIdx();
        if (ip >= 0 && port >= 0 && port <= 0xFFFF && idx >= 0 && idx <= 0xFFFF) {
            return ip << 32 | (long) port << 16 | idx;
        }
        byte[] name = (peer.getIp() + ":" + port + ":" + idx).getBytes(StandardCharsets.UTF_8);
        long hashed = UUID.nameUUIDFromBytes(name).getMostSignificantBits();
        return hashed == NO_PEER ? 1 : hashed;
    }

    /** The dotted-quad address as an unsigned 32-bit value, or -1 if {@code ip} is not exactly one. */
    private static long ipv4(String ip) {
        String[] parts = ip.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return -1;
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return -1;
            }
            value = value << 8 | octet;
        }
        return value;
    }

    /**
     * Parses a stored peer string.
     *
     * @throws IllegalArgumentException if it is not a jraft peer
     */
    static PeerId parse(String peer) {
        PeerId parsed = peer == null ? null : PeerId.parsePeer(peer);
        if (parsed == null) {
            throw new IllegalArgumentException("not a jraft peer id: '" + peer + "'");
        }
        return parsed;
    }

    /** The peers as strings, in order; {@code null} for a null or empty list (as jraft's own codec stores it). */
    static List<String> strings(List<PeerId> peers) {
        if (peers == null || peers.isEmpty()) {
            return null;
        }
        List<String> strings = new ArrayList<>(peers.size());
        for (PeerId peer : peers) {
            strings.add(peer.toString());
        }
        return strings;
    }

    /** The inverse of {@link #strings}: {@code null} stays {@code null}. */
    static List<PeerId> peers(List<String> strings) {
        if (strings == null || strings.isEmpty()) {
            return null;
        }
        List<PeerId> peers = new ArrayList<>(strings.size());
        for (String peer : strings) {
            peers.add(parse(peer));
        }
        return peers;
    }
}
