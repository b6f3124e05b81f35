package io.timevault.raft.autoconfigure.health;

import io.timevault.raft.autoconfigure.TimevaultRaftAutoConfiguration;
import io.timevault.raft.autoconfigure.TimevaultRaftLogs;
import io.timevault.raft.health.TimevaultLogHealthIndicator;
import io.timevault.store.TimevaultStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Health of the timevault Raft logs, shown as {@code timevaultRaft}: a composite with one
 * {@link TimevaultLogHealthIndicator} per log, by log name, following the logs as they open and close (see
 * {@link TimevaultRaftLogs}). Switched off by {@code management.health.timevault-raft.enabled=false}.
 */
@AutoConfiguration(after = TimevaultRaftAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(TimevaultStore.class)
@ConditionalOnEnabledHealthIndicator("timevault-raft")
public final class TimevaultRaftHealthContributorAutoConfiguration {

    TimevaultRaftHealthContributorAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = { "timevaultRaftHealthIndicator", "timevaultRaftHealthContributor" })
    HealthContributor timevaultRaftHealthContributor(TimevaultRaftLogs logs) {
        return new TimevaultRaftLogsHealthContributor(logs);
    }
}
