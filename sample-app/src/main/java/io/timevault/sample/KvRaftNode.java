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
        options.setElectionTimeoutMs((int) properties.electionTimeout().toMillis());
        options.setDisableCli(true);
        // Bind the Raft port on the configured host only (jraft's default server binds 0.0.0.0).
        RpcServer rpcServer = new BoltRpcServer(
                new com.alipay.remoting.rpc.RpcServer(self.getIp(), self.getPort(), true));
        RaftRpcServerFactory.addRaftRequestProcessors(rpcServer);
        group = new RaftGroupService(groupId, self, options, rpcServer);
        node = group.start(true);
        log.info("Raft node {} of group '{}' started; members {}", self, groupId, members);
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
            throw new NotLeaderException(leader());
        }
        CompletableFuture<Void> applied = new CompletableFuture<>();
        Task task = new Task(stateMachine.encode(command), status -> {
            if (status.isOk()) {
                applied.complete(null);
            } else {
                applied.completeExceptionally(new IllegalStateException("not applied: " + status));
            }
        });
        node.apply(task);
        return applied;
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

        NotLeaderException(String leader) {
            super("this node is not the leader; the leader is " + (leader != null ? leader : "not elected yet"));
            this.leader = leader;
        }

        public String leader() {
            return leader;
        }
    }
}
