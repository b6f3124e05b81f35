package io.timevault.raft.jraft;

import com.alipay.sofa.jraft.entity.EnumOutter.EntryType;
import com.alipay.sofa.jraft.entity.LogEntry;
import com.alipay.sofa.jraft.entity.PeerId;
import io.timevault.raft.Entry;
import io.timevault.raft.EntryPayload;
import io.timevault.raft.LogId;
import io.timevault.raft.Membership;
import io.timevault.raft.Node;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * A jraft {@link LogEntry} as one of our entries and back, losing nothing jraft's own codec keeps.
 *
 * <ul>
 *   <li>log id: {@code (index, term)} becomes {@code LogId(LeaderId(term, 0), index)}: jraft log ids name no
 *       leader node, like OpenRaft's term-only committed leader id.
 *   <li>{@code NO_OP} becomes a {@code Blank} entry.
 *   <li>{@code CONFIGURATION} becomes a {@code Membership} entry: {@code configs = [peers]}, or
 *       {@code [oldPeers, peers]} for a joint configuration (OpenRaft's order, old first); {@code nodes} hold every
 *       peer and learner under its {@linkplain PeerIds#nodeId node id} with the full peer string as address;
 *       learners are the nodes in no config.
 *   <li>{@code DATA} (and anything the two forms above cannot hold) becomes a {@code Normal} entry carrying a
 *       {@link JRaftPayload}: data that is one JSON value is stored as that JSON, verbatim; other data as base64.
 * </ul>
 *
 * <p>The two compact forms are used only when they are lossless <em>for that entry</em>: the candidate is decoded
 * again and compared field by field with the original (type, id, data, the four peer lists in order with
 * priorities, checksum). Peer lists the membership cannot order (ids sort differently from the list), learners
 * that differ between the old and the new configuration, two priorities for one peer, or a checksum that the
 * compact form would not reproduce all fall back to the typed payload, which is exact by construction.
 *
 * <p>"Exact" means what jraft's own {@code LogEntryV2} codec keeps: an empty peer list and a missing one are one
 * value (both read back as {@code null}), and so are empty and missing data. A compact entry carries no checksum
 * field: on reading, it gets the recomputed checksum if {@code RaftOptions.enableLogEntryChecksum} is on and none
 * otherwise, and it was written compact only if that reproduces what the original carried.
 *
 * <p>Immutable; thread-safe.
 */
final class LogEntryMapping {

    private static final String TYPE_PREFIX = "ENTRY_TYPE_";

    private final boolean checksumEnabled;

    /**
     * @param checksumEnabled {@code RaftOptions.isEnableLogEntryChecksum()}: whether compact entries read back
     *                        with a checksum
     */
    LogEntryMapping(boolean checksumEnabled) {
        this.checksumEnabled = checksumEnabled;
    }

    /** Our entry for {@code entry}; the compact form when it is lossless, else the typed payload. */
    Entry<JRaftPayload> toEntry(LogEntry entry) {
        LogId id = LogId.of(entry.getId().getTerm(), 0, entry.getId().getIndex());
        Entry<JRaftPayload> compact = switch (entry.getType()) {
            case ENTRY_TYPE_NO_OP -> Entry.blank(id);
            case ENTRY_TYPE_CONFIGURATION -> membership(entry).map(m -> Entry.<JRaftPayload>membership(id, m)).orElse(null);
            default -> null;
        };
        if (compact != null && sameEntry(entry, toLogEntry(compact))) {
            return compact;
        }
        return Entry.normal(id, typed(entry));
    }

    /**
     * The jraft entry for one of ours.
     *
     * @throws IllegalArgumentException if it is not a jraft entry (an unknown type, a peer that does not parse,
     *                                  a membership of more than two configs, bad base64)
     */
    LogEntry toLogEntry(Entry<JRaftPayload> entry) {
        LogEntry out = new LogEntry();
        out.setId(new com.alipay.sofa.jraft.entity.LogId(entry.index(), entry.logId().leaderId().term()));
        EntryPayload<JRaftPayload> payload = entry.payload();
        if (payload instanceof EntryPayload.Normal<JRaftPayload> normal) {
            fromTyped(normal.data(), out);
            return out;
        }
        if (payload instanceof EntryPayload.MembershipChange<JRaftPayload> change) {
            out.setType(EntryType.ENTRY_TYPE_CONFIGURATION);
            fromMembership(change.membership(), out);
        } else {
            out.setType(EntryType.ENTRY_TYPE_NO_OP);
        }
        if (checksumEnabled) {
            out.setChecksum(out.checksum());
        }
        return out;
    }

    /** Whether our entry holds a jraft configuration, judged without decoding its data. */
    static boolean isConfiguration(Entry<JRaftPayload> entry) {
        return entry.payload() instanceof EntryPayload.MembershipChange<JRaftPayload>
                || entry.payload() instanceof EntryPayload.Normal<JRaftPayload> normal
                && JRaftPayload.CONFIGURATION.equals(normal.data().type());
    }

    // ---- typed payload

    private static JRaftPayload typed(LogEntry entry) {
        return JRaftPayload.of(entry.getType().name().substring(TYPE_PREFIX.length()), bytes(entry.getData()),
                PeerIds.strings(entry.getPeers()), PeerIds.strings(entry.getOldPeers()),
                PeerIds.strings(entry.getLearners()), PeerIds.strings(entry.getOldLearners()),
                entry.hasChecksum() ? entry.getChecksum() : null);
    }

    private static void fromTyped(JRaftPayload payload, LogEntry out) {
        EntryType type;
        try {
            type = EntryType.valueOf(TYPE_PREFIX + payload.type());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown jraft entry type '" + payload.type() + "'", e);
        }
        out.setType(type);
        byte[] data = payload.dataBytes();
        if (data.length > 0) {
            out.setData(ByteBuffer.wrap(data));
        }
        out.setPeers(PeerIds.peers(payload.peers()));
        out.setOldPeers(PeerIds.peers(payload.oldPeers()));
        out.setLearners(PeerIds.peers(payload.learners()));
        out.setOldLearners(PeerIds.peers(payload.oldLearners()));
        if (payload.checksum() != null) {
            out.setChecksum(payload.checksum());
        }
    }

    // ---- membership

    /** The membership candidate, or empty when two different peer strings share a node id. */
    private static Optional<Membership> membership(LogEntry entry) {
        Map<Long, String> addresses = new HashMap<>();
        for (List<PeerId> peers : Arrays.asList(entry.getPeers(), entry.getOldPeers(), entry.getLearners(),
                entry.getOldLearners())) {
            if (peers == null) {
                continue;
            }
            for (PeerId peer : peers) {
                String previous = addresses.putIfAbsent(PeerIds.nodeId(peer), peer.toString());
                if (previous != null && !previous.equals(peer.toString())) {
                    return Optional.empty();
                }
            }
        }
        List<Set<Long>> configs = new ArrayList<>(2);
        if (entry.getOldPeers() != null && !entry.getOldPeers().isEmpty()) {
            configs.add(ids(entry.getOldPeers()));
        }
        configs.add(ids(entry.getPeers()));
        SortedMap<Long, Node> nodes = new TreeMap<>(Long::compareUnsigned);
        addresses.forEach((id, address) -> nodes.put(id, new Node(address)));
        return Optional.of(Membership.of(configs, nodes));
    }

    private static Set<Long> ids(List<PeerId> peers) {
        Set<Long> ids = new LinkedHashSet<>();
        if (peers != null) {
            for (PeerId peer : peers) {
                ids.add(PeerIds.nodeId(peer));
            }
        }
        return ids;
    }

    private static void fromMembership(Membership membership, LogEntry out) {
        List<SortedSet<Long>> configs = membership.configs();
        if (configs.isEmpty() || configs.size() > 2) {
            throw new IllegalArgumentException("a jraft configuration has one or two voter sets, not " + configs.size());
        }
        boolean joint = configs.size() == 2;
        out.setPeers(peersOf(configs.get(configs.size() - 1), membership));
        if (joint) {
            out.setOldPeers(peersOf(configs.get(0), membership));
        }
        List<PeerId> learners = peersOf(membership.learnerIds(), membership);
        out.setLearners(learners);
        if (joint && learners != null) {
            out.setOldLearners(new ArrayList<>(learners));
        }
    }

    private static List<PeerId> peersOf(SortedSet<Long> ids, Membership membership) {
        List<String> peers = new ArrayList<>(ids.size());
        for (long id : ids) {
            Node node = membership.nodes().get(id);
            peers.add(node == null ? null : node.addr());
        }
        return PeerIds.peers(peers);
    }

    // ---- comparison

    /** Field-by-field equality as jraft's codec sees it, with peer priorities and the checksum. */
    static boolean sameEntry(LogEntry a, LogEntry b) {
        return a.getType() == b.getType()
                && a.getId().getIndex() == b.getId().getIndex()
                && a.getId().getTerm() == b.getId().getTerm()
                && Arrays.equals(bytes(a.getData()), bytes(b.getData()))
                && Objects.equals(PeerIds.strings(a.getPeers()), PeerIds.strings(b.getPeers()))
                && Objects.equals(PeerIds.strings(a.getOldPeers()), PeerIds.strings(b.getOldPeers()))
                && Objects.equals(PeerIds.strings(a.getLearners()), PeerIds.strings(b.getLearners()))
                && Objects.equals(PeerIds.strings(a.getOldLearners()), PeerIds.strings(b.getOldLearners()))
                && a.hasChecksum() == b.hasChecksum()
                && (!a.hasChecksum() || a.getChecksum() == b.getChecksum());
    }

    /** The remaining bytes, without moving the buffer's position (jraft keeps the entry in memory). */
    private static byte[] bytes(ByteBuffer data) {
        if (data == null || !data.hasRemaining()) {
            return new byte[0];
        }
        ByteBuffer view = data.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return "LogEntryMapping[checksumEnabled=" + checksumEnabled + "]";
    }
}
