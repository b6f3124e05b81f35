package io.timevault.raft.autoconfigure.health;

import io.timevault.raft.autoconfigure.TimevaultRaftAutoConfiguration;
import io.timevault.raft.autoconfigure.TimevaultRaftLogs;
import io.timevault.raft.health.TimevaultLogHealthIndicator;
import io.timevault.store.TimevaultStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Health of the timevault Raft logs, shown as {@code timevaultRaft}: one {@link TimevaultLogHealthIndicator} when
 * there is one log, a composite by log name when there are several. Switched off by
 * {@code management.health.timevault-raft.enabled=false}.
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
        Map<String, TimevaultLogHealthIndicator> indicators = new LinkedHashMap<>();
        logs.all().forEach((name, log) -> indicators.put(name, new TimevaultLogHealthIndicator(name, log.nodeId(), log::status)));
        if (indicators.size() == 1) {
            return indicators.values().iterator().next();
        }
        return CompositeHealthContributor.fromMap(indicators);
    }
}
