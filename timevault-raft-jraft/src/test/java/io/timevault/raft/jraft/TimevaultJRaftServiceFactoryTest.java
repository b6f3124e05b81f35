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
import io.timevault.raft.LogPartitionIds;
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

    private static LogStorage initialized(TimevaultJRaftServiceFactory factory, String group,
            ConfigurationManager configurations) {
        LogStorage storage = factory.createLogStorage("unused", new RaftOptions());
        LogStorageOptions options = new LogStorageOptions();
        options.setGroupId(group);
        options.setConfigurationManager(configurations);
        options.setLogEntryCodecFactory(LogEntryV2CodecFactory.getInstance());
        storage.init(options);
        return storage;
    }

    @Test
    void aGroupsDefaultPartitionIsTheOneEveryNamedLogGetsFromItsName() {
        assertThat(GroupLogSettings.defaults("counter").partitionId())
                .isEqualTo(LogPartitionIds.derive("counter"))
                .isEqualTo(UUID.nameUUIDFromBytes("timevault-raft:counter".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(LogPartitionIds.derive("counter2"));
    }

    @Test
    void aGroupWhoseLogIsInThePartitionOfTheOldRuleDoesNotStartEmpty() {
        UUID legacy = UUID.nameUUIDFromBytes("timevault-raft-jraft:group:kv".getBytes(StandardCharsets.UTF_8));
        store.createPartition(legacy, GroupLogSettings.DEFAULT_PARTITION_CONFIG);
        TimevaultJRaftServiceFactory factory = new TimevaultJRaftServiceFactory(store);

        LogStorage storage = factory.createLogStorage("unused", new RaftOptions());
        LogStorageOptions options = new LogStorageOptions();
        options.setGroupId("kv");
        options.setConfigurationManager(new ConfigurationManager());
        assertThat(storage.init(options)).as("init refuses").isFalse();
        assertThat(store.hasPartition(LogPartitionIds.derive("kv"))).as("no empty log created").isFalse();

        TimevaultJRaftServiceFactory keepingIt = new TimevaultJRaftServiceFactory(store,
                TimevaultJRaftOptions.DEFAULTS.withPartitionIds(group -> legacy));
        assertThat(initialized(keepingIt, "kv", new ConfigurationManager()).getLastLogIndex()).isZero();
    }

    @Test
    void theListenerIsToldWhenAGroupsLogOpensAndWhenItsLastHolderClosesIt() {
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        GroupLogListener listener = new GroupLogListener() {
            @Override
            public void opened(String groupId, io.timevault.raft.TimevaultLogStorage<?> log) {
                events.add("opened " + groupId + " " + log.status().writerState());
            }

            @Override
            public void closed(String groupId, io.timevault.raft.TimevaultLogStorage<?> log) {
                events.add("closed " + groupId + " " + log.status().writerState());
            }
        };
        TimevaultJRaftServiceFactory factory = new TimevaultJRaftServiceFactory(store,
                TimevaultJRaftOptions.DEFAULTS.withListener(listener));
        LogStorage log = initialized(factory, "g");
        LogStorage second = initialized(factory, "g");
        assertThat(factory.openLog("g")).isPresent();
        assertThat(events).as("one open for two holders").containsExactly("opened g RUNNING");

        log.shutdown();
        assertThat(events).as("still held").hasSize(1);
        second.shutdown();
        assertThat(events).containsExactly("opened g RUNNING", "closed g CLOSED");
        assertThat(factory.openLog("g")).isEmpty();
    }

    @Test
    void eachGroupGetsItsOwnSettings() {
        UUID id = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
        io.timevault.store.PartitionConfig config = GroupLogSettings.DEFAULT_PARTITION_CONFIG
                .withChunkRoll(4096, GroupLogSettings.DEFAULT_PARTITION_CONFIG.chunkRoll().maxHours());
        TimevaultJRaftServiceFactory factory = new TimevaultJRaftServiceFactory(store, TimevaultJRaftOptions.DEFAULTS
                .withGroups(group -> group.equals("small")
                        ? new GroupLogSettings(id, config, io.timevault.raft.LogStorageOptions.DEFAULTS.withMaxBatchEntries(7))
                        : GroupLogSettings.defaults(group)));
        LogStorage small = initialized(factory, "small");
        LogStorage other = initialized(factory, "other");

        assertThat(store.openPartition(id).config().chunkRoll().maxBytes()).isEqualTo(4096);
        assertThat(factory.openLog("small").orElseThrow().options().maxBatchEntries()).isEqualTo(7);
        assertThat(store.openPartition(LogPartitionIds.derive("other")).config().chunkRoll().maxBytes())
                .isEqualTo(GroupLogSettings.DEFAULT_PARTITION_CONFIG.chunkRoll().maxBytes());
        small.shutdown();
        other.shutdown();
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
        assertThat(store.listPartitions()).containsExactlyInAnyOrder(io.timevault.raft.LogPartitionIds.derive("group-a"),
                io.timevault.raft.LogPartitionIds.derive("group-b"));
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
