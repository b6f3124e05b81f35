package io.timevault.raft.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.timevault.raft.autoconfigure.TimevaultRaftAutoConfiguration;
import io.timevault.raft.autoconfigure.TimevaultRaftLogs;
import io.timevault.raft.metrics.TimevaultLogMetrics;
import io.timevault.store.TimevaultStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters of the timevault Raft logs ({@link TimevaultLogMetrics}), when the application has a
 * {@link MeterRegistry}. Boot binds the {@code MeterBinder} to every registry; the binder follows
 * {@link TimevaultRaftLogs}, so a log opened after startup (a jraft group's) gets its meters when it opens and loses
 * them when it closes.
 */
@AutoConfiguration(after = TimevaultRaftAutoConfiguration.class,
        afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, TimevaultStore.class })
public final class TimevaultRaftMetricsAutoConfiguration {

    TimevaultRaftMetricsAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    TimevaultLogMetrics timevaultLogMetrics(TimevaultRaftLogs logs) {
        TimevaultLogMetrics metrics = new TimevaultLogMetrics();
        logs.addListener(new TimevaultRaftLogs.Listener() {
            @Override
            public void opened(TimevaultRaftLogs.Log log) {
                metrics.logOpened(log.name(), log.storage()::metrics);
            }

            @Override
            public void closed(TimevaultRaftLogs.Log log) {
                metrics.logClosed(log.name());
            }
        });
        return metrics;
    }
}
