package io.timevault.raft.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.raft.autoconfigure.AuditEvent;
import io.timevault.raft.autoconfigure.OrderCommand;
import io.timevault.raft.autoconfigure.TimevaultRaftAutoConfiguration;
import io.timevault.raft.health.TimevaultLogHealthIndicator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** When the health contributor exists, and its shape for one and for several logs. */
class TimevaultRaftHealthContributorAutoConfigurationTests {

    @TempDir
    Path root;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TimevaultRaftAutoConfiguration.class,
                    TimevaultRaftHealthContributorAutoConfiguration.class, HealthContributorAutoConfiguration.class));

    private ApplicationContextRunner withOrdersLog() {
        return runner.withPropertyValues("timevault.raft.root=" + root,
                "timevault.raft.logs.orders.entry-type=" + OrderCommand.class.getName(),
                "timevault.raft.logs.orders.node-id=3");
    }

    @Test
    void runShouldCreateACompositeWithOneIndicatorForOneLog() {
        withOrdersLog().run(context -> {
            assertThat(context).hasBean("timevaultRaftHealthContributor");
            CompositeHealthContributor composite = context.getBean("timevaultRaftHealthContributor",
                    CompositeHealthContributor.class);
            assertThat(composite.stream().map(entry -> entry.name())).containsExactly("orders");
            HealthContributor contributor = composite.getContributor("orders");
            assertThat(contributor).isInstanceOf(TimevaultLogHealthIndicator.class);
            Health health = ((HealthIndicator) contributor).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("log", "orders").containsEntry("nodeId", 3L)
                    .containsEntry("recovery", "CLEAN").containsEntry("lastLogId", "none")
                    .containsEntry("writer", "RUNNING");
        });
    }

    @Test
    void runShouldCreateACompositeByLogNameForSeveralLogs() {
        withOrdersLog().withPropertyValues("timevault.raft.logs.audit.entry-type=" + AuditEvent.class.getName())
                .run(context -> {
                    CompositeHealthContributor composite = context.getBean("timevaultRaftHealthContributor",
                            CompositeHealthContributor.class);
                    assertThat(composite.stream().map(entry -> entry.name())).containsExactly("audit", "orders");
                    assertThat(((HealthIndicator) composite.getContributor("audit")).health().getDetails())
                            .containsEntry("log", "audit");
                });
    }

    @Test
    void runWhenHealthIndicatorDisabledShouldNotCreateIndicator() {
        withOrdersLog().withPropertyValues("management.health.timevault-raft.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("timevaultRaftHealthContributor"));
    }

    @Test
    void runWhenDefaultHealthIndicatorsDisabledShouldNotCreateIndicator() {
        withOrdersLog().withPropertyValues("management.health.defaults.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("timevaultRaftHealthContributor"));
    }

    @Test
    void runWithoutActuatorShouldNotCreateIndicator() {
        withOrdersLog().withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean("timevaultRaftHealthContributor"));
    }

    @Test
    void runWhenTimevaultDisabledShouldNotCreateIndicator() {
        withOrdersLog().withPropertyValues("timevault.raft.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("timevaultRaftHealthContributor"));
    }

    @Test
    void runWithUserIndicatorOfTheSameNameShouldBackOff() {
        withOrdersLog().withUserConfiguration(UserIndicator.class).run(context -> {
            assertThat(context).doesNotHaveBean("timevaultRaftHealthContributor");
            assertThat(context.getBean("timevaultRaftHealthIndicator", HealthIndicator.class).health().getStatus())
                    .isEqualTo(Status.OUT_OF_SERVICE);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserIndicator {

        @Bean
        HealthIndicator timevaultRaftHealthIndicator() {
            return () -> Health.outOfService().build();
        }
    }
}
