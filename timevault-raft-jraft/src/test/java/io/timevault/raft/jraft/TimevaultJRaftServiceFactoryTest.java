package io.timevault.raft.jraft;

import static io.timevault.raft.jraft.LogEntries.data;
import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.sofa.jraft.conf.ConfigurationManager;
import com.alipay.sofa.jraft.core.DefaultJRaftServiceFactory;
import com.alipay.sofa.jraft.entity.codec.v2.LogEntryV2CodecFactory;
import com.alipay.sofa.jraft.option.LogStorageOptions;
import com.alipay.sofa.jraft.option.NodeOptions;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.storage.LogStorage;
import com.alipay.sofa.jraft.storage.snapshot.local.LocalSnapshotStorage;
import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimevaultJRaftServiceFactoryTest {

    @TempDir
    Path dir;

    private TimevaultStore store;

    @BeforeEach
    void open() {
        store = TimevaultStore.open(dir.resolve("store"), StoreOptions.DEFAULTS);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static LogStorage initialized(TimevaultJRaftServiceFactory factory, String group) {
        LogStorage storage = factory.createLogStorage("unused", new RaftOptions());
        LogStorageOptions options = new LogStorageOptions();
        options.setGroupId(group);
        options.setConfigurationManager(new ConfigurationManager());
        options.setLogEntryCodecFactory(LogEntryV2CodecFactory.getInstance());
        assertThat(storage.init(options)).isTrue();
        return storage;
    }

    @Test
    void theDefaultPartitionIdIsTheNameBasedUuidOfThePrefixedGroupId() {
        assertThat(TimevaultJRaftOptions.defaultPartitionId("counter"))
                .isEqualTo(UUID.nameUUIDFromBytes("timevault-raft-jraft:group:counter".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(TimevaultJRaftOptions.defaultPartitionId("counter"))
                .isNotEqualTo(TimevaultJRaftOptions.defaultPartitionId("counter2"));
    }

    @Test
    void oneStoreKeepsEachGroupInItsOwnPartition() {
        TimevaultJRaftServiceFactory factory = new TimevaultJRaftServiceFactory(store);
        LogStorage first = initialized(factory, "group-a");
        LogStorage second = initialized(factory, "group-b");

        assertThat(first.appendEntries(List.of(data(1, 1, "a1"), data(2, 1, "a2")))).isEqualTo(2);
        assertThat(second.appendEntries(List.of(data(1, 3, "b1")))).isEqualTo(1);

        assertThat(first.getLastLogIndex()).isEqualTo(2);
        assertThat(second.getLastLogIndex()).isEqualTo(1);
        assertThat(second.getEntry(1)).isEqualTo(data(1, 3, "b1"));
        assertThat(store.listPartitions()).containsExactlyInAnyOrder(TimevaultJRaftOptions.defaultPartitionId("group-a"),
                TimevaultJRaftOptions.defaultPartitionId("group-b"));
        first.shutdown();
        second.shutdown();
    }

    @Test
    void configuredPartitionIdsAreUsed() {
        UUID id = UUID.fromString("00000000-0000-0000-0000-00000000abcd");
        TimevaultJRaftServiceFactory factory = new TimevaultJRaftServiceFactory(store,
                TimevaultJRaftOptions.DEFAULTS.withPartitionIds(group -> id));
        LogStorage storage = initialized(factory, "group-a");

        assertThat(store.listPartitions()).containsExactly(id);
        assertThat(store.openPartition(id).config().keyIsTimestamp()).as("keys are log indexes").isFalse();
        storage.shutdown();
    }

    @Test
    void snapshotsStayInJRaftsOwnSnapshotStorage() {
        NodeOptions options = new NodeOptions();
        options.setSnapshotUri(dir.resolve("snapshots").toString());

        assertThat(new TimevaultJRaftServiceFactory(store).createSnapshotStorage(options))
                .isInstanceOf(LocalSnapshotStorage.class);
        assertThat(new TimevaultJRaftServiceFactory(store).createLogEntryCodecFactory())
                .isSameAs(DefaultJRaftServiceFactory.newInstance().createLogEntryCodecFactory());
    }
}
