package io.timevault.sample;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.RaftGroupService;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.entity.Task;
import com.alipay.sofa.jraft.option.NodeOptions;
import com.alipay.sofa.jraft.rpc.RaftRpcServerFactory;
import com.alipay.sofa.jraft.rpc.RpcServer;
import com.alipay.sofa.jraft.rpc.impl.BoltRpcServer;
import io.timevault.raft.autoconfigure.TimevaultRaftProperties;
import io.timevault.raft.jraft.TimevaultJRaftServiceFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * This process's member of the Raft group: a SOFAJRaft node whose log and term/vote are in timevault (the starter's
 * {@link TimevaultJRaftServiceFactory} bean on {@link NodeOptions#setServiceFactory}), applying commands to the
 * {@link KvStateMachine}. Started with the context, shut down before the timevault store closes (it depends on the
 * factory bean, which depends on the store).
 */
@Component
public class KvRaftNode implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KvRaftNode.class);

    private final KvRaftProperties properties;

    private final String groupId;

    private final TimevaultJRaftServiceFactory serviceFactory;

    private final KvStateMachine stateMachine;

    private RaftGroupService group;

    private Node node;

    /** The last log index on disk when the node started: reads wait until it is applied (no stale reads). */
    private volatile long startIndex;

    private volatile long startedAt;

    private volatile boolean replayed;

    public KvRaftNode(KvRaftProperties properties, TimevaultRaftProperties timevault,
            TimevaultJRaftServiceFactory serviceFactory, KvStateMachine stateMachine) {
        this.properties = properties;
        this.groupId = groupId(timevault);
        this.serviceFactory = serviceFactory;
        this.stateMachine = stateMachine;
    }

    /**
     * The Raft group id: the one log under {@code timevault.raft.logs} without an entry type (a jraft group's log).
     * Named once, so the group's log gets that entry's settings, health and meters.
     */
    static String groupId(TimevaultRaftProperties timevault) {
        List<String> groups = timevault.logs().entrySet().stream().filter(log -> log.getValue().isJRaftGroup())
                .map(Map.Entry::getKey).sorted().toList();
        if (groups.size() != 1) {
            throw new IllegalStateException("the sample runs one Raft group: configure exactly one log without "
                    + "entry-type under timevault.raft.logs (its name is the group id), found " + groups);
        }
        return groups.get(0);
    }

    @Override
    public void afterPropertiesSet() {
        PeerId self = parsePeer(properties.address());
        Configuration members = new Configuration();
        properties.members().forEach(member -> members.addPeer(parsePeer(member)));
        try {
            Files.createDirectories(properties.snapshotDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + properties.snapshotDir(), e);
        }
        NodeOptions options = new NodeOptions();
        options.setInitialConf(members);
        options.setFsm(stateMachine);
        options.setServiceFactory(serviceFactory);
        // Not used by the timevault factory (the group id picks the partition), but jraft requires them.
        options.setLogUri("timevault");
        options.setRaftMetaUri("timevault");
        options.setSnapshotUri(properties.snapshotDir().toAbsolutePath().toString());
        options.setSnapshotIntervalSecs((int) properties.snapshotInterval().toSeconds());
        options.setSnapshotLogIndexMargin(properties.snapshotLogIndexMargin());
        options.setElectionTimeoutMs((int) properties.electionTimeout().toMillis());
        options.setDisableCli(true);
        // Bind the Raft port on the configured host only (jraft's default server binds 0.0.0.0).
        RpcServer rpcServer = new BoltRpcServer(
                new com.alipay.remoting.rpc.RpcServer(self.getIp(), self.getPort(), true));
        RaftRpcServerFactory.addRaftRequestProcessors(rpcServer);
        group = new RaftGroupService(groupId, self, options, rpcServer);
        startedAt = System.nanoTime();
        node = group.start(true);
        startIndex = node.getLastLogIndex();
        log.info("Raft node {} of group '{}' started; members {}; the log on disk ends at index {}, reads answer 503"
                + " until it is applied", self, groupId, members, startIndex);
    }

    /**
     * Whether this node has applied the log it found on disk at start. Until then its state machine is older than
     * what it acknowledged before it stopped, so reads would be stale (an acknowledged key could answer 404).
     * Once true it stays true: afterwards a follower lags only by what it has not received yet, as any follower.
     */
    public boolean replayed() {
        if (!replayed && node != null && node.getLastAppliedLogIndex() >= startIndex) {
            replayed = true;
            log.info("The log found at start (up to index {}) is applied (seen {} ms after the node started); serving reads",
                    startIndex, (System.nanoTime() - startedAt) / 1_000_000);
        }
        return replayed;
    }

    /** The jraft node itself, for tests in this package. */
    Node raftNode() {
        return node;
    }

    /** The last log index on disk when the node started. */
    public long startIndex() {
        return startIndex;
    }

    /** The last log index applied by jraft (configuration entries included). */
    public long lastAppliedIndex() {
        return node.getLastAppliedLogIndex();
    }

    @Override
    public void destroy() throws InterruptedException {
        if (group != null) {
            group.shutdown();
            group.join();
        }
    }

    /**
     * Replicates {@code command} and completes when it is committed and applied on this node (the leader).
     *
     * @throws NotLeaderException if this node is not the leader
     */
    public CompletableFuture<Void> apply(KvCommand command) {
        if (!node.isLeader()) {
            String leader = leader();
            throw new NotLeaderException(leader, urlOf(leader));
        }
        CompletableFuture<Void> applied = new CompletableFuture<>();
        Task task = new Task(stateMachine.encode(command), status -> {
            if (status.isOk()) {
                applied.complete(null);
            } else {
                // Typically leadership moved while the entry was in flight: it may still be committed by the new
                // leader, or dropped. The client cannot tell, so this is "unknown", not "failed".
                applied.completeExceptionally(new WriteNotConfirmedException("the write was not confirmed by this "
                        + "node (" + status.getErrorMsg() + "); it may or may not have been applied"));
            }
        });
        node.apply(task);
        long timeoutMs = properties.applyTimeout().toMillis();
        return applied.orTimeout(timeoutMs, TimeUnit.MILLISECONDS).exceptionallyCompose(e -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            return CompletableFuture.failedFuture(cause instanceof TimeoutException
                    ? new WriteNotConfirmedException("the write was not committed within " + timeoutMs
                            + " ms (no quorum?); it may or may not be applied later")
                    : cause);
        });
    }

    /** The HTTP base URL configured for the member with Raft address {@code raftAddress}, or {@code null}. */
    String urlOf(String raftAddress) {
        List<String> urls = properties.memberUrls();
        for (int i = 0; raftAddress != null && i < urls.size(); i++) {
            if (parsePeer(properties.members().get(i).trim()).getEndpoint().toString().equals(raftAddress)) {
                return urls.get(i).trim();
            }
        }
        return null;
    }

    /** The current leader's Raft address, or {@code null} while there is none. */
    public String leader() {
        PeerId leader = node.getLeaderId();
        return (leader == null || leader.isEmpty()) ? null : leader.getEndpoint().toString();
    }

    /** This node's view of the group: the leader's current members, or the configured ones on other nodes. */
    public ClusterView view() {
        List<String> members = node.isLeader()
                ? node.listPeers().stream().map(peer -> peer.getEndpoint().toString()).sorted().toList()
                : properties.members().stream().map(member -> parsePeer(member).getEndpoint().toString()).sorted()
                        .toList();
        return new ClusterView(groupId, node.getNodeId().getPeerId().getEndpoint().toString(),
                node.isLeader() ? "LEADER" : (leader() != null ? "FOLLOWER" : "CANDIDATE"), leader(), members,
                stateMachine.appliedIndex());
    }

    /** Takes a snapshot now; completes when it is saved (the log before it may then be purged). */
    public CompletableFuture<Status> snapshot() {
        CompletableFuture<Status> done = new CompletableFuture<>();
        node.snapshot(done::complete);
        return done;
    }

    private static PeerId parsePeer(String address) {
        PeerId peer = PeerId.parsePeer(address);
        if (peer == null) {
            throw new IllegalArgumentException("not a Raft address (host:port): " + address);
        }
        return peer;
    }

    /**
     * What GET /cluster shows.
     *
     * @param group        the Raft group id
     * @param node         this node's Raft address
     * @param role         LEADER, FOLLOWER, or CANDIDATE while no leader is known
     * @param leader       the leader's Raft address, {@code null} while there is none
     * @param members      every member's Raft address
     * @param appliedIndex the last log index applied to this node's state machine
     */
    public record ClusterView(String group, String node, String role, String leader, List<String> members,
            long appliedIndex) {
    }

    /** A write reached a node that is not the leader. */
    public static class NotLeaderException extends RuntimeException {

        private final String leader;

        private final String leaderUrl;

        NotLeaderException(String leader, String leaderUrl) {
            super("this node is not the leader; the leader is "
                    + (leader == null ? "not elected yet" : leaderUrl != null ? leaderUrl : leader));
            this.leader = leader;
            this.leaderUrl = leaderUrl;
        }

        /** The leader's Raft address, {@code null} while none is known. */
        public String leader() {
            return leader;
        }

        /** The leader's HTTP base URL, {@code null} if unknown or not configured. */
        public String leaderUrl() {
            return leaderUrl;
        }
    }

    /** A write was handed to Raft but its outcome is unknown (leadership moved, or no quorum in time). */
    public static class WriteNotConfirmedException extends RuntimeException {

        WriteNotConfirmedException(String message) {
            super(message);
        }
    }
}
