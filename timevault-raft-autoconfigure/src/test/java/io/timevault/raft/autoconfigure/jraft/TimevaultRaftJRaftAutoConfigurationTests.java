package io.timevault.raft.autoconfigure.jraft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.timevault.raft.Entry;
import io.timevault.raft.JacksonFormatPlugin;
import io.timevault.raft.LogId;
import io.timevault.raft.LogPartitionIds;
import io.timevault.raft.TimevaultLogStorage;
import io.timevault.raft.autoconfigure.InvalidTimevaultRaftPropertyException;
import io.timevault.raft.autoconfigure.OrderCommand;
import io.timevault.raft.autoconfigure.TimevaultRaftAutoConfiguration;
import io.timevault.raft.autoconfigure.TimevaultRaftProperties;
import io.timevault.raft.autoconfigure.health.TimevaultRaftHealthContributorAutoConfiguration;
import io.timevault.raft.jraft.GroupLogSettings;
import io.timevault.raft.jraft.TimevaultJRaftOptions;
import io.timevault.raft.jraft.TimevaultJRaftServiceFactory;
import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultStore;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SOFAJRaft service factory bean: one model of logs for jraft groups, and health before a node starts. */
class TimevaultRaftJRaftAutoConfigurationTests {

    @TempDir
    Path root;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TimevaultRaftAutoConfiguration.class,
                    TimevaultRaftJRaftAutoConfiguration.class, TimevaultRaftHealthContributorAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class));

    private ApplicationContextRunner withRoot() {
        return runner.withPropertyValues("timevault.raft.root=" + root);
    }

    @Test
    void runWithJRaftCreatesTheServiceFactoryOnTheStore() {
        withRoot().run(context -> {
            assertThat(context).hasSingleBean(TimevaultJRaftServiceFactory.class);
            assertThat(context.getBean(TimevaultJRaftServiceFactory.class).store())
                    .isSameAs(context.getBean(TimevaultStore.class));
        });
    }

    @Test
    void runWithoutJRaftCreatesNoServiceFactory() {
        withRoot().withClassLoader(new FilteredClassLoader("com.alipay.sofa.jraft"))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(TimevaultStore.class)
                        .doesNotHaveBean("timevaultJRaftServiceFactory"));
    }

    @Test
    void runWithUserServiceFactoryBacksOff() {
        withRoot().withUserConfiguration(UserFactory.class).run(context -> {
            assertThat(context).hasSingleBean(TimevaultJRaftServiceFactory.class).hasBean("myFactory");
        });
    }

    @Test
    void runWhenDisabledCreatesNoServiceFactory() {
        withRoot().withPropertyValues("timevault.raft.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(TimevaultJRaftServiceFactory.class));
    }

    @Test
    void aConfiguredGroupsLogIsHealthCheckedFromItsPartitionBeforeItsNodeStarts() {
        withRoot().withPropertyValues("timevault.raft.logs.kv.node-id=3").run(context -> {
            Health health = kvHealth(context);
            assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
            assertThat(health.getDetails()).containsEntry("log", "kv").containsEntry("writer", "NOT_OPEN")
                    .containsEntry("lastLogId", "none").containsEntry("nodeId", 3L)
                    .containsEntry("partitionId", LogPartitionIds.derive("kv").toString());
            assertThat(context).doesNotHaveBean("kvRaftLogStorage");
        });
    }

    @Test
    void healthReportsTheLastLogIdAndVoteOfAGroupsPartition() {
        try (TimevaultStore store = TimevaultStore.open(root, StoreOptions.DEFAULTS);
                TimevaultLogStorage<OrderCommand> log = TimevaultLogStorage.open(
                        store.openOrCreatePartition(LogPartitionIds.derive("kv"),
                                GroupLogSettings.DEFAULT_PARTITION_CONFIG),
                        JacksonFormatPlugin.forType(OrderCommand.class))) {
            log.blockingAppend(List.of(Entry.normal(LogId.of(2, 0, 1), new OrderCommand("a", 1)),
                    Entry.normal(LogId.of(2, 0, 2), new OrderCommand("b", 2))));
            log.saveVote(io.timevault.raft.Vote.of(2, 7));
        }
        withRoot().withPropertyValues("timevault.raft.logs.kv.node-id=7").run(context -> {
            Health health = kvHealth(context);
            assertThat(health.getDetails()).containsEntry("lastLogId", "T2-N0-2").containsEntry("vote",
                    "T2-N7:uncommitted").containsEntry("recovery", "CLEAN");
        });
    }

    @Test
    void aGroupsLogGetsThePartitionChunkIndexAndSyncSettingsOfItsEntry() {
        UUID id = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
        withRoot().withPropertyValues("timevault.raft.logs.kv.partition-id=" + id,
                "timevault.raft.logs.kv.chunk.max-size=4KB", "timevault.raft.logs.kv.index.max-records=4",
                "timevault.raft.logs.kv.sync.max-batch-entries=8", "timevault.raft.logs.kv.sync.slow-threshold=3s")
                .run(context -> {
                    GroupLogSettings settings = context.getBean(TimevaultJRaftServiceFactory.class).options()
                            .settingsOf("kv");
                    assertThat(settings.partitionId()).isEqualTo(id);
                    assertThat(settings.partitionConfig().chunkRoll().maxBytes()).isEqualTo(4096);
                    assertThat(settings.partitionConfig().index().maxRecords()).isEqualTo(4);
                    assertThat(settings.partitionConfig().keyIsTimestamp()).isFalse();
                    assertThat(settings.storageOptions().maxBatchEntries()).isEqualTo(8);
                    assertThat(settings.storageOptions().slowSyncThreshold()).hasSeconds(3);
                });
    }

    @Test
    void aGroupWithNoEntryGetsTheDefaultsAndThePartitionItsNameDerives() {
        withRoot().run(context -> {
            GroupLogSettings settings = context.getBean(TimevaultJRaftServiceFactory.class).options()
                    .settingsOf("unlisted");
            assertThat(settings).isEqualTo(GroupLogSettings.defaults("unlisted"));
            assertThat(settings.partitionId()).isEqualTo(TimevaultRaftProperties.Log.derivedPartitionId("unlisted"));
        });
    }

    @Test
    void aGroupWhoseLogHasAnEntryTypeIsRefusedNamingTheProperty() {
        withRoot().withPropertyValues("timevault.raft.logs.orders.entry-type=" + OrderCommand.class.getName())
                .run(context -> assertThatExceptionOfType(InvalidTimevaultRaftPropertyException.class)
                        .isThrownBy(() -> context.getBean(TimevaultJRaftServiceFactory.class).options()
                                .settingsOf("orders"))
                        .satisfies(e -> assertThat(e.property()).isEqualTo("timevault.raft.logs.orders.entry-type")));
    }

    @Test
    void aGroupWithNoEntryWhosePartitionAConfiguredLogSetsIsRefusedNamingThatProperty() {
        withRoot().withPropertyValues("timevault.raft.logs.orders.entry-type=" + OrderCommand.class.getName(),
                "timevault.raft.logs.orders.partition-id=" + LogPartitionIds.derive("kv"))
                .run(context -> assertThatExceptionOfType(InvalidTimevaultRaftPropertyException.class)
                        .isThrownBy(() -> context.getBean(TimevaultJRaftServiceFactory.class).options()
                                .settingsOf("kv"))
                        .satisfies(e -> assertThat(e.property())
                                .isEqualTo("timevault.raft.logs.orders.partition-id")));
    }

    @Test
    void aLogWithoutEntryTypeNeedsTheJRaftBridge() {
        withRoot().withPropertyValues("timevault.raft.logs.kv.node-id=1")
                .withClassLoader(new FilteredClassLoader("com.alipay.sofa.jraft", "io.timevault.raft.jraft"))
                .run(context -> assertThat(org.springframework.core.NestedExceptionUtils
                        .getMostSpecificCause(context.getStartupFailure()))
                        .isInstanceOf(InvalidTimevaultRaftPropertyException.class)
                        .hasMessageContaining("timevault.raft.logs.kv.entry-type"));
    }

    private static Health kvHealth(org.springframework.context.ApplicationContext context) {
        CompositeHealthContributor logs = context.getBean("timevaultRaftHealthContributor",
                CompositeHealthContributor.class);
        return ((HealthIndicator) logs.getContributor("kv")).health();
    }

    @Configuration(proxyBeanMethods = false)
    static class UserFactory {

        @Bean
        TimevaultJRaftServiceFactory myFactory(TimevaultStore store) {
            return new TimevaultJRaftServiceFactory(store, TimevaultJRaftOptions.DEFAULTS);
        }
    }
}
