package io.timevault.raft.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.timevault.raft.Entry;
import io.timevault.raft.LogId;
import io.timevault.raft.TimevaultLogStorage;
import io.timevault.raft.autoconfigure.OrderCommand;
import io.timevault.raft.autoconfigure.TimevaultRaftAutoConfiguration;
import io.timevault.raft.metrics.TimevaultLogMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Meters per log when a MeterRegistry exists. */
class TimevaultRaftMetricsAutoConfigurationTests {

    @TempDir
    Path root;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TimevaultRaftAutoConfiguration.class,
                    TimevaultRaftMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class))
            .withPropertyValues("timevault.raft.logs.orders.entry-type=" + OrderCommand.class.getName());

    @Test
    void metersAreTaggedPerLogAndFollowTheAdaptersCounters() {
        runner.withPropertyValues("timevault.raft.root=" + root).run(context -> {
            assertThat(context).hasSingleBean(TimevaultLogMetrics.class);
            @SuppressWarnings("unchecked")
            TimevaultLogStorage<OrderCommand> storage = context.getBean(TimevaultLogStorage.class);
            storage.blockingAppend(List.of(Entry.normal(LogId.of(1, 0, 1), new OrderCommand("a", 1)),
                    Entry.normal(LogId.of(1, 0, 2), new OrderCommand("b", 2))));
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("timevault.raft.appends").tag("log", "orders").functionCounter().count())
                    .isEqualTo(1);
            assertThat(registry.get("timevault.raft.appended.entries").tag("log", "orders").functionCounter()
                    .count()).isEqualTo(2);
            assertThat(registry.get("timevault.raft.appended.bytes").tag("log", "orders").functionCounter().count())
                    .isGreaterThan(50);
            assertThat(registry.get("timevault.raft.sync").tag("log", "orders").functionTimer().count())
                    .isGreaterThanOrEqualTo(1);
            assertThat(registry.get("timevault.raft.sync.max").tag("log", "orders").timeGauge()
                    .value(TimeUnit.NANOSECONDS)).isPositive();
            assertThat(registry.get("timevault.raft.batch.size").tag("log", "orders").gauge().value())
                    .isGreaterThanOrEqualTo(1);
            assertThat(registry.get("timevault.raft.queue.depth").tag("log", "orders").gauge().value()).isZero();
        });
    }

    @Test
    void runWithoutMeterRegistryCreatesNoMeters() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TimevaultRaftAutoConfiguration.class,
                        TimevaultRaftMetricsAutoConfiguration.class))
                .withPropertyValues("timevault.raft.root=" + root)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TimevaultLogMetrics.class));
    }

    @Test
    void runWithoutMicrometerCreatesNoMeters() {
        runner.withPropertyValues("timevault.raft.root=" + root)
                .withClassLoader(new FilteredClassLoader("io.micrometer"))
                .run(context -> assertThat(context).doesNotHaveBean("timevaultLogMetrics"));
    }
}
