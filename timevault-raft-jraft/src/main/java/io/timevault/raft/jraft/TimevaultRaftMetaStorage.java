package io.timevault.raft.jraft;

import com.alipay.sofa.jraft.core.NodeImpl;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.entity.EnumOutter.ErrorType;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.error.RaftException;
import com.alipay.sofa.jraft.option.RaftMetaStorageOptions;
import com.alipay.sofa.jraft.storage.RaftMetaStorage;
import io.timevault.raft.TimevaultLogStorage;
import io.timevault.raft.Vote;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jraft's {@link RaftMetaStorage} (current term and vote) on the vote of the group's {@link TimevaultLogStorage}.
 *
 * <p>{@code (term, votedFor)} is saved as the uncommitted vote {@code Vote(LeaderId(term, nodeId(votedFor)))};
 * "voted for nobody" ({@link PeerId#emptyPeer()}) is node id 0. The node id is turned back into the exact
 * {@link PeerId} (priority included) through the {@link PeerTable} in the partition directory, which is made
 * durable before the vote that names the peer. Both writes are durable before a setter returns. OpenRaft's
 * {@code committed} flag has no jraft meaning: it is written {@code false} and ignored on reading.
 *
 * <p>A failed save returns {@code false} and reports {@code EIO} to the node, which stops it, as jraft's own
 * {@code LocalRaftMetaStorage} does; the term and vote in memory stay the durable ones. Saves log at DEBUG (the
 * adapter counts them in its metrics).
 *
 * <h2>Threads</h2>
 * jraft reads the term and vote once at init and calls the setters under the node's lock from RPC and timer
 * threads; every method synchronizes on this object.
 */
public final class TimevaultRaftMetaStorage implements RaftMetaStorage {

    private static final Logger log = LoggerFactory.getLogger(TimevaultRaftMetaStorage.class);

    private final GroupLogs logs;
    private FailStop failStop = new FailStop(log, "jraft meta (not initialized)");
    private GroupLogs.Lease lease;
    private PeerTable peers;
    private long term;
    private PeerId votedFor = PeerId.emptyPeer();

    TimevaultRaftMetaStorage(GroupLogs logs) {
        this.logs = logs;
    }

    /** Opens the log of the node's group ({@code opts.getNode().getGroupId()}) and reads the vote. */
    @Override
    public synchronized boolean init(RaftMetaStorageOptions opts) {
        if (lease != null) {
            log.warn("{}: already initialized", failStop.name());
            return true;
        }
        NodeImpl node = opts.getNode();
        if (node == null) {
            log.error("{}: init needs the node (RaftMetaStorageOptions.getNode()) to know its group", failStop.name());
            return false;
        }
        String groupId = node.getGroupId();
        failStop = new FailStop(log, "jraft meta of group " + groupId + " (partition "
                + logs.options().partitionIdOf(groupId) + ")", e -> node.onError(new RaftException(
                ErrorType.ERROR_TYPE_META, RaftError.EIO, "Fail to save raft meta: %s", e.getMessage())));
        return failStop.call("init", () -> {
            GroupLogs.Lease opened = logs.acquire(groupId);
            try {
                PeerTable table = PeerTable.load(opened.log().directory());
                Vote vote = opened.log().readVote().orElse(null);
                term = vote == null ? 0 : vote.leaderId().term();
                votedFor = vote == null ? PeerId.emptyPeer() : table.peer(vote.leaderId().nodeId());
                peers = table;
            } catch (RuntimeException e) {
                opened.close();
                throw e;
            }
            lease = opened;
            log.debug("{}: term {}, voted for {}", failStop.name(), term, votedFor);
            return true;
        }, false);
    }

    /** Releases the group's log. Nothing to save: every setter was durable on return. Idempotent. */
    @Override
    public synchronized void shutdown() {
        GroupLogs.Lease held = lease;
        lease = null;
        if (held != null) {
            held.close();
        }
    }

    @Override
    public synchronized boolean setTerm(long term) {
        return save(term, votedFor);
    }

    @Override
    public synchronized long getTerm() {
        return term;
    }

    @Override
    public synchronized boolean setVotedFor(PeerId peerId) {
        return save(term, peerId);
    }

    @Override
    public synchronized PeerId getVotedFor() {
        return votedFor;
    }

    @Override
    public synchronized boolean setTermAndVotedFor(long term, PeerId peerId) {
        return save(term, peerId);
    }

    private boolean save(long newTerm, PeerId peer) {
        PeerId voted = peer == null ? PeerId.emptyPeer() : peer.copy();
        if (lease == null) {
            // jraft still answers vote requests while a node shuts down, after it shut its meta storage down
            log.warn("{}: not saving term {} and vote for {}: the meta storage is not initialized or was shut down",
                    failStop.name(), newTerm, voted);
            return false;
        }
        return failStop.run("save term " + newTerm + " and vote for " + voted, () -> {
            long nodeId = peers.register(voted);
            lease.log().saveVote(Vote.of(newTerm, nodeId));
            term = newTerm;
            votedFor = voted;
            log.debug("{}: saved term {}, voted for {}", failStop.name(), newTerm, voted);
        });
    }

    @Override
    public synchronized String toString() {
        return "TimevaultRaftMetaStorage[" + failStop.name() + ", term=" + term + ", votedFor=" + votedFor + "]";
    }
}
