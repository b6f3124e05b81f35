package io.timevault.raft.autoconfigure.jraft;

import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.RaftGroupService;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.core.StateMachineAdapter;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.entity.Task;
import com.alipay.sofa.jraft.option.NodeOptions;
import com.alipay.sofa.jraft.rpc.RaftRpcServerFactory;
import com.alipay.sofa.jraft.rpc.RpcServer;
import com.alipay.sofa.jraft.rpc.impl.BoltRpcServer;
import io.timevault.raft.jraft.TimevaultJRaftServiceFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real one-member SOFAJRaft group on 127.0.0.1 whose storage is the given service factory: it elects itself,
 * {@link #apply} proposes a command and waits until the state machine applied it. Test ports are 24000-24999.
 */
final class SingleNodeGroup implements AutoCloseable {

    private final RaftGroupService service;
    private final Node node;
    private final List<byte[]> applied = new CopyOnWriteArrayList<>();

    private SingleNodeGroup(String groupId, int port, TimevaultJRaftServiceFactory factory, Path snapshots) {
        PeerId self = new PeerId("127.0.0.1", port);
        NodeOptions options = new NodeOptions();
        options.setInitialConf(new Configuration(List.of(self)));
        options.setFsm(new StateMachineAdapter() {
            @Override
            public void onApply(Iterator iterator) {
                while (iterator.hasNext()) {
                    ByteBuffer data = iterator.getData();
                    byte[] bytes = new byte[data.remaining()];
                    data.get(bytes);
                    applied.add(bytes);
                    if (iterator.done() != null) {
                        iterator.done().run(Status.OK());
                    }
                    iterator.next();
                }
            }
        });
        options.setServiceFactory(factory);
        options.setLogUri("timevault");
        options.setRaftMetaUri("timevault");
        options.setSnapshotUri(snapshots.toString());
        options.setElectionTimeoutMs(300);
        options.setDisableCli(true);
        RpcServer rpc = new BoltRpcServer(new com.alipay.remoting.rpc.RpcServer(self.getIp(), port, true));
        RaftRpcServerFactory.addRaftRequestProcessors(rpc);
        service = new RaftGroupService(groupId, self, options, rpc);
        node = service.start(true);
    }

    /** Starts the group's only node; returns once it leads. */
    static SingleNodeGroup start(String groupId, int port, TimevaultJRaftServiceFactory factory, Path snapshots)
            throws InterruptedException {
        SingleNodeGroup group = new SingleNodeGroup(groupId, port, factory, snapshots);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!group.node.isLeader()) {
            if (System.nanoTime() > deadline) {
                group.close();
                throw new IllegalStateException("node of group " + groupId + " did not become leader");
            }
            Thread.sleep(20);
        }
        return group;
    }

    /** Proposes {@code command} and waits until it was applied. */
    void apply(byte[] command) throws Exception {
        CompletableFuture<Status> done = new CompletableFuture<>();
        Task task = new Task(ByteBuffer.wrap(command), done::complete);
        node.apply(task);
        Status status = done.get(20, TimeUnit.SECONDS);
        if (!status.isOk()) {
            throw new IllegalStateException("apply failed: " + status);
        }
    }

    /** The commands the state machine applied, in order (the node's own no-op and configuration entries excluded). */
    List<byte[]> applied() {
        return applied;
    }

    @Override
    public void close() throws InterruptedException {
        service.shutdown();
        service.join();
    }
}
