package io.timevault.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sample's Raft node. Its Raft group id is the name of the log under {@code timevault.raft.logs} (see
 * {@link KvRaftNode#groupId}).
 *
 * @param address This node's Raft address, host:port, bound on that host only.
 * @param members Comma-separated list of the Raft addresses of every member, this node included.
 * @param snapshotDir Directory of the state machine's snapshots.
 * @param snapshotInterval Interval between snapshots of the state machine.
 * @param electionTimeout Election timeout.
 */
@ConfigurationProperties("sample.raft")
public record KvRaftProperties(
        @DefaultValue("127.0.0.1:8101") String address,
        @DefaultValue("127.0.0.1:8101") List<String> members,
        @DefaultValue("./data/snapshots") Path snapshotDir,
        @DefaultValue("300s") Duration snapshotInterval,
        @DefaultValue("1s") Duration electionTimeout) {
}
