package io.timevault.raft.jraft;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.sofa.jraft.core.NodeImpl;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.error.RaftException;
import com.alipay.sofa.jraft.option.RaftMetaStorageOptions;
import com.alipay.sofa.jraft.option.RaftOptions;
import io.timevault.raft.Vote;
import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimevaultRaftMetaStorageTest {

    @TempDir
    Path dir;

    private TimevaultStore store;
    private TimevaultJRaftServiceFactory factory;
    private RecordingNode node;
    private TimevaultRaftMetaStorage meta;

    /** A node that is never started; it tells the storage its group and records the errors reported to it. */
    static final class RecordingNode extends NodeImpl {
        final List<RaftException> errors = new ArrayList<>();

        RecordingNode() {
            super(StorageFixture.GROUP, PeerIds.parse("127.0.0.1:8081"));
        }

        @Override
        public void onError(RaftException error) {
            errors.add(error);
        }
    }

    @BeforeEach
    void open() {
        store = TimevaultStore.open(dir, StoreOptions.DEFAULTS);
        factory = new TimevaultJRaftServiceFactory(store);
        node = new RecordingNode();
        meta = initialized();
    }

    @AfterEach
    void close() {
        meta.shutdown();
        store.close();
    }

    private TimevaultRaftMetaStorage initialized() {
        TimevaultRaftMetaStorage storage = (TimevaultRaftMetaStorage) factory.createRaftMetaStorage("ignored",
                new RaftOptions());
        RaftMetaStorageOptions options = new RaftMetaStorageOptions();
        options.setNode(node);
        assertThat(storage.init(options)).isTrue();
        return storage;
    }

    private TimevaultRaftMetaStorage restart() {
        meta.shutdown();
        store.close();
        store = TimevaultStore.open(dir, StoreOptions.DEFAULTS);
        factory = new TimevaultJRaftServiceFactory(store);
        meta = initialized();
        return meta;
    }

    private Path partitionDirectory() {
        return store.partitionDirectory(io.timevault.raft.LogPartitionIds.derive(StorageFixture.GROUP));
    }

    @Test
    void aFreshNodeHasTermZeroAndNoVote() {
        assertThat(meta.getTerm()).isZero();
        assertThat(meta.getVotedFor().isEmpty()).isTrue();
    }

    @Test
    void termAndVoteAreDurableAndThePeerComesBackExactly() {
        PeerId candidate = PeerIds.parse("127.0.0.1:8082:3:50");

        assertThat(meta.setTermAndVotedFor(7, candidate)).isTrue();

        restart();
        assertThat(meta.getTerm()).isEqualTo(7);
        assertThat(meta.getVotedFor()).isEqualTo(candidate);
        assertThat(meta.getVotedFor().toString()).isEqualTo("127.0.0.1:8082:3:50");
        assertThat(meta.getVotedFor().getPriority()).isEqualTo(50);
    }

    @Test
    void theVoteIsTheAdaptersUncommittedVoteForThePeersNodeId() throws IOException {
        PeerId candidate = PeerIds.parse("127.0.0.1:8082");

        meta.setTermAndVotedFor(3, candidate);

        assertThat(Files.readString(partitionDirectory().resolve("raft_vote.json")))
                .isEqualTo("{\"leader_id\":{\"term\":3,\"node_id\":" + Long.toUnsignedString(PeerIds.nodeId(candidate))
                        + "},\"committed\":false}");
        assertThat(Files.readString(partitionDirectory().resolve(PeerTable.FILE)))
                .isEqualTo("{\"" + Long.toUnsignedString(PeerIds.nodeId(candidate)) + "\":\"127.0.0.1:8082\"}");
        assertThat(Vote.of(3, PeerIds.nodeId(candidate)).committed()).isFalse();
    }

    @Test
    void voteForNobodyIsNodeZeroAndComesBackEmpty() {
        meta.setTermAndVotedFor(4, PeerIds.parse("127.0.0.1:8082"));

        assertThat(meta.setTermAndVotedFor(5, PeerId.emptyPeer())).isTrue();

        restart();
        assertThat(meta.getTerm()).isEqualTo(5);
        assertThat(meta.getVotedFor().isEmpty()).isTrue();
    }

    @Test
    void setTermKeepsTheVoteAndSetVotedForKeepsTheTerm() {
        PeerId candidate = PeerIds.parse("127.0.0.1:8083");
        meta.setTermAndVotedFor(2, candidate);

        assertThat(meta.setTerm(3)).isTrue();
        assertThat(meta.getVotedFor()).isEqualTo(candidate);
        assertThat(meta.setVotedFor(PeerIds.parse("127.0.0.1:8084"))).isTrue();

        restart();
        assertThat(meta.getTerm()).isEqualTo(3);
        assertThat(meta.getVotedFor()).isEqualTo(PeerIds.parse("127.0.0.1:8084"));
    }

    @Test
    void aHostNamePeerComesBackThroughThePeerTable() {
        PeerId candidate = PeerIds.parse("raft-2.example:8081");

        meta.setTermAndVotedFor(9, candidate);

        restart();
        assertThat(meta.getVotedFor()).isEqualTo(candidate);
    }

    @Test
    void aVoteWhosePeerIsMissingFromTheTableFailsTheStart() throws IOException {
        meta.setTermAndVotedFor(9, PeerIds.parse("127.0.0.1:8082"));
        Files.delete(partitionDirectory().resolve(PeerTable.FILE));
        meta.shutdown();

        TimevaultRaftMetaStorage reopened = (TimevaultRaftMetaStorage) factory.createRaftMetaStorage("x", new RaftOptions());
        RaftMetaStorageOptions options = new RaftMetaStorageOptions();
        options.setNode(node);

        assertThat(reopened.init(options)).isFalse();
    }

    @Test
    void aFailedSaveReturnsFalseReportsEioToTheNodeAndKeepsTheDurableValues() throws IOException {
        meta.setTermAndVotedFor(2, PeerIds.parse("127.0.0.1:8082"));
        // the vote file cannot be replaced any more: a non-empty directory stands in its place
        Path vote = partitionDirectory().resolve("raft_vote.json");
        Files.delete(vote);
        Files.createDirectories(vote.resolve("blocker"));

        assertThat(meta.setTermAndVotedFor(3, PeerIds.parse("127.0.0.1:8083"))).isFalse();

        assertThat(node.errors).hasSize(1);
        assertThat(node.errors.get(0).getStatus().getRaftError().name()).isEqualTo("EIO");
        assertThat(meta.getTerm()).isEqualTo(2);
        assertThat(meta.getVotedFor()).isEqualTo(PeerIds.parse("127.0.0.1:8082"));
    }

    @Test
    void logAndMetaOfOneGroupShareOneOpenLog() {
        GroupLogs logs = new GroupLogs(store, TimevaultJRaftOptions.DEFAULTS);
        assertThat(logs.isOpen(StorageFixture.GROUP)).isFalse();
        GroupLogs.Lease first = logs.acquire(StorageFixture.GROUP);
        GroupLogs.Lease second = logs.acquire(StorageFixture.GROUP);

        assertThat(second.log()).isSameAs(first.log());
        first.close();
        first.close();
        assertThat(logs.isOpen(StorageFixture.GROUP)).isTrue();
        second.close();
        assertThat(logs.isOpen(StorageFixture.GROUP)).isFalse();
    }
}
