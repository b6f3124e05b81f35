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
 * @param memberUrls Comma-separated HTTP base URLs of the members, in the order of {@code members}; a node that is
 *        not the leader names the leader's URL in its 421 answer. Empty: the answer names the Raft address only.
 * @param applyTimeout How long a write waits to be committed and applied before it answers 503 (outcome unknown).
 * @param snapshotLogIndexMargin Log entries kept before a snapshot's index when the log is purged after it (jraft's
 *        snapshotLogIndexMargin); 0 purges everything the snapshot covers.
 */
@ConfigurationProperties("sample.raft")
public record KvRaftProperties(
        @DefaultValue("127.0.0.1:8101") String address,
        @DefaultValue("127.0.0.1:8101") List<String> members,
        @DefaultValue("./data/snapshots") Path snapshotDir,
        @DefaultValue("300s") Duration snapshotInterval,
        @DefaultValue("1s") Duration electionTimeout,
        @DefaultValue("") List<String> memberUrls,
        @DefaultValue("10s") Duration applyTimeout,
        @DefaultValue("0") int snapshotLogIndexMargin) {

    public KvRaftProperties {
        memberUrls = memberUrls.stream().filter(url -> !url.isBlank()).toList();
        if (!memberUrls.isEmpty() && memberUrls.size() != members.size()) {
            throw new IllegalArgumentException("sample.raft.member-urls has " + memberUrls.size()
                    + " entries but sample.raft.members has " + members.size() + "; give one URL per member, in order");
        }
    }
}
