package io.timevault.raft.autoconfigure.jraft;

import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.raft.Entry;
import io.timevault.raft.JacksonFormatPlugin;
import io.timevault.raft.LogId;
import io.timevault.raft.TimevaultLogStorage;
import io.timevault.raft.autoconfigure.OrderCommand;
import io.timevault.raft.autoconfigure.TimevaultRaftAutoConfiguration;
import io.timevault.raft.autoconfigure.health.TimevaultRaftHealthContributorAutoConfiguration;
import io.timevault.raft.jraft.TimevaultJRaftOptions;
import io.timevault.raft.jraft.TimevaultJRaftServiceFactory;
import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SOFAJRaft service factory bean, and health of the jraft groups' logs. */
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
    void healthReportsAGroupWhoseNodeHasNotStartedYet() {
        withRoot().withPropertyValues("timevault.raft.jraft.groups=kv").run(context -> {
            Health health = context.getBean("timevaultRaftHealthContributor", HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("log", "kv").containsEntry("writer", "unknown")
                    .containsEntry("lastLogId", "none").doesNotContainKey("nodeId")
                    .containsEntry("partitionId", TimevaultJRaftOptions.defaultPartitionId("kv").toString());
        });
    }

    @Test
    void healthReportsTheLastLogIdAndVoteOfAGroupsPartition() {
        try (TimevaultStore store = TimevaultStore.open(root, StoreOptions.DEFAULTS);
                TimevaultLogStorage<OrderCommand> log = TimevaultLogStorage.open(
                        store.openOrCreatePartition(TimevaultJRaftOptions.defaultPartitionId("kv"),
                                TimevaultJRaftOptions.DEFAULTS.partitionConfig()),
                        JacksonFormatPlugin.forType(OrderCommand.class))) {
            log.blockingAppend(List.of(Entry.normal(LogId.of(2, 0, 1), new OrderCommand("a", 1)),
                    Entry.normal(LogId.of(2, 0, 2), new OrderCommand("b", 2))));
            log.saveVote(io.timevault.raft.Vote.of(2, 7));
        }
        withRoot().withPropertyValues("timevault.raft.jraft.groups=kv").run(context -> {
            Health health = context.getBean("timevaultRaftHealthContributor", HealthIndicator.class).health();
            assertThat(health.getDetails()).containsEntry("lastLogId", "T2-N0-2").containsEntry("vote",
                    "T2-N7:uncommitted").containsEntry("recovery", "CLEAN");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserFactory {

        @Bean
        TimevaultJRaftServiceFactory myFactory(TimevaultStore store) {
            return new TimevaultJRaftServiceFactory(store, TimevaultJRaftOptions.DEFAULTS);
        }
    }
}
