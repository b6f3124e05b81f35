package io.timevault.raft.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.timevault.raft.LogStorageMetrics;
import io.timevault.raft.autoconfigure.TimevaultRaftAutoConfiguration;
import io.timevault.raft.autoconfigure.TimevaultRaftLogs;
import io.timevault.raft.metrics.TimevaultLogMetrics;
import io.timevault.store.TimevaultStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters of the timevault Raft logs ({@link TimevaultLogMetrics}), when the application has a
 * {@link MeterRegistry}. Boot binds the {@code MeterBinder} to every registry.
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
        Map<String, Supplier<LogStorageMetrics>> readers = new LinkedHashMap<>();
        logs.all().forEach((name, log) -> {
            if (log.isOpen()) {
                readers.put(name, log.storage()::metrics);
            }
        });
        return new TimevaultLogMetrics(readers);
    }
}
