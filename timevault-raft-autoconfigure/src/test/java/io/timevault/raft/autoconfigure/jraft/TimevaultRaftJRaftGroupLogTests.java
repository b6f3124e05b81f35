package io.timevault.raft.autoconfigure.jraft;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.timevault.raft.LogPartitionIds;
import io.timevault.raft.autoconfigure.TimevaultRaftAutoConfiguration;
import io.timevault.raft.autoconfigure.health.TimevaultRaftHealthContributorAutoConfiguration;
import io.timevault.raft.autoconfigure.metrics.TimevaultRaftMetricsAutoConfiguration;
import io.timevault.raft.jraft.TimevaultJRaftServiceFactory;
import io.timevault.store.TimevaultStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

/**
 * A real SOFAJRaft group (one node on 127.0.0.1) running on the starter's service factory: its log is a log like any
 * other — the configured partition and knobs, meters and health while the node runs, the INFO lines.
 */
@ExtendWith(OutputCaptureExtension.class)
class TimevaultRaftJRaftGroupLogTests {

    @TempDir
    Path dir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TimevaultRaftAutoConfiguration.class,
                        TimevaultRaftJRaftAutoConfiguration.class, TimevaultRaftHealthContributorAutoConfiguration.class,
                        HealthContributorAutoConfiguration.class, TimevaultRaftMetricsAutoConfiguration.class,
                        MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
                .withPropertyValues("timevault.raft.root=" + dir.resolve("store"));
    }

    @Test
    void aConfiguredGroupWritesItsLogWithTheLogsSettings() {
        UUID id = UUID.fromString("00000000-0000-0000-0000-0000000000c2");
        runner().withPropertyValues("timevault.raft.logs.kv.partition-id=" + id,
                "timevault.raft.logs.kv.chunk.max-size=2KB", "timevault.raft.logs.kv.index.max-records=4")
                .run(context -> {
                    try (SingleNodeGroup group = start(context, "kv", 24101)) {
                        for (int i = 0; i < 40; i++) {
                            group.apply(("{\"op\":\"PUT\",\"key\":\"k" + i + "\"}").getBytes(StandardCharsets.UTF_8));
                        }
                        TimevaultStore store = context.getBean(TimevaultStore.class);
                        assertThat(store.openPartition(id).config().chunkRoll().maxBytes()).isEqualTo(2048);
                        assertThat(store.openPartition(id).config().index().maxRecords()).isEqualTo(4);
                        assertThat(chunks(store.partitionDirectory(id))).as("rolled at 2 KB").isGreaterThan(1);
                        assertThat(store.hasPartition(LogPartitionIds.derive("kv"))).isFalse();
                    }
                });
    }

    @Test
    void aGroupsLogHasMetersWhileItsNodeRunsAndNoneAfter() {
        runner().withPropertyValues("timevault.raft.logs.kv.node-id=1").run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.find("timevault.raft.appended.entries").tag("log", "kv").functionCounter()).isNull();
            try (SingleNodeGroup group = start(context, "kv", 24102)) {
                group.apply("{\"n\":1}".getBytes(StandardCharsets.UTF_8));
                group.apply("{\"n\":2}".getBytes(StandardCharsets.UTF_8));
                assertThat(registry.get("timevault.raft.appended.entries").tag("log", "kv").functionCounter()
                        .count()).as("leader's configuration entry and two commands").isGreaterThanOrEqualTo(3);
                assertThat(registry.get("timevault.raft.sync").tag("log", "kv").functionTimer().count())
                        .isPositive();
            }
            assertThat(registry.find("timevault.raft.appended.entries").tag("log", "kv").meters()).isEmpty();
            assertThat(registry.find("timevault.raft.sync").tag("log", "kv").meters()).isEmpty();
        });
    }

    @Test
    void anUnconfiguredGroupGetsMetersAndHealthWhileItsNodeRuns() {
        runner().run(context -> {
            try (SingleNodeGroup group = start(context, "free", 24103)) {
                group.apply("{}".getBytes(StandardCharsets.UTF_8));
                Health health = health(context, "free");
                assertThat(health.getStatus()).isEqualTo(Status.UP);
                assertThat(health.getDetails()).containsEntry("writer", "RUNNING")
                        .containsEntry("partitionId", LogPartitionIds.derive("free").toString())
                        .doesNotContainKey("nodeId");
                assertThat(context.getBean(MeterRegistry.class).get("timevault.raft.appends").tag("log", "free")
                        .functionCounter().count()).isPositive();
            }
            assertThat(logs(context).getContributor("free")).as("gone with its node").isNull();
        });
    }

    @Test
    void healthShowsTheSameDetailsWhileTheNodeRunsAndReadsThePartitionAfter() {
        runner().withPropertyValues("timevault.raft.logs.kv.node-id=1").run(context -> {
            String lastLogId;
            try (SingleNodeGroup group = start(context, "kv", 24104)) {
                group.apply("{\"n\":1}".getBytes(StandardCharsets.UTF_8));
                Health running = health(context, "kv");
                assertThat(running.getStatus()).isEqualTo(Status.UP);
                assertThat(running.getDetails()).containsKeys("log", "nodeId", "partitionId", "directory",
                        "recovery", "lastLogId", "lastPurgedLogId", "vote", "writer")
                        .containsEntry("writer", "RUNNING").containsEntry("recovery", "CLEAN");
                assertThat(Path.of((String) running.getDetails().get("directory"))).isAbsolute()
                        .startsWith(dir.resolve("store").toAbsolutePath());
                lastLogId = (String) running.getDetails().get("lastLogId");
                assertThat(lastLogId).isNotEqualTo("none");
            }
            Health stopped = health(context, "kv");
            assertThat(stopped.getStatus()).isEqualTo(Status.UNKNOWN);
            assertThat(stopped.getDetails()).containsEntry("writer", "NOT_OPEN")
                    .containsEntry("lastLogId", lastLogId).containsEntry("recovery", "CLEAN")
                    .containsKeys("log", "nodeId", "partitionId", "directory", "lastPurgedLogId", "vote");
        });
    }

    @Test
    void openingAndClosingAGroupsLogEachWriteOneInfoLineWithAbsolutePaths(CapturedOutput output) {
        runner().run(context -> {
            try (SingleNodeGroup group = start(context, "kv", 24105)) {
                group.apply("{}".getBytes(StandardCharsets.UTF_8));
            }
        });
        Path directory = dir.resolve("store").toAbsolutePath();
        assertThat(output.getOut().lines().filter(line -> line.contains("Raft log 'kv' opened in"))).singleElement()
                .asString().contains(directory.toString()).contains("recovery CLEAN").contains("last log id none")
                .contains("last purged none").containsPattern("opened in \\d+ ms");
        assertThat(output.getOut().lines().filter(line -> line.contains("Raft log 'kv' closed:"))).singleElement()
                .asString().contains(directory.toString()).containsPattern("last log id T\\d+-N0-\\d+")
                .contains("writer CLOSED");
    }

    private SingleNodeGroup start(ApplicationContext context, String groupId, int port) throws InterruptedException {
        return SingleNodeGroup.start(groupId, port, context.getBean(TimevaultJRaftServiceFactory.class),
                dir.resolve("snapshots-" + groupId));
    }

    private static CompositeHealthContributor logs(ApplicationContext context) {
        return context.getBean("timevaultRaftHealthContributor", CompositeHealthContributor.class);
    }

    private static Health health(ApplicationContext context, String log) {
        return ((HealthIndicator) logs(context).getContributor(log)).health();
    }

    private static long chunks(Path partitionDirectory) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(partitionDirectory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".chunk")).count();
        }
    }
}
