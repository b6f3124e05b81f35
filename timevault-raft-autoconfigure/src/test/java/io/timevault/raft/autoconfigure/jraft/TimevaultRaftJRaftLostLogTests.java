package io.timevault.raft.autoconfigure.jraft;

import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.raft.RaftLogMissingException;
import io.timevault.raft.TimevaultLogStorage;
import io.timevault.raft.autoconfigure.TimevaultRaftAutoConfiguration;
import io.timevault.raft.autoconfigure.TimevaultRaftProperties;
import io.timevault.raft.jraft.TimevaultJRaftServiceFactory;
import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * The log of a SOFAJRaft group configured under {@code timevault.raft.logs.<group>} is guarded like any other: when
 * its partition vanished, the application does not start (so no node rejoins with an empty log and no vote) until
 * the operator sets {@code if-missing=create}. Real single-node groups on 127.0.0.1:25301-25302.
 */
class TimevaultRaftJRaftLostLogTests {

    @TempDir
    Path dir;

    private ApplicationContextRunner runner(String... properties) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TimevaultRaftAutoConfiguration.class,
                        TimevaultRaftJRaftAutoConfiguration.class))
                .withPropertyValues("timevault.raft.root=" + dir.resolve("store"), "timevault.raft.logs.kv.node-id=1")
                .withPropertyValues(properties);
    }

    private Path kvDirectory() {
        try (TimevaultStore store = TimevaultStore.open(dir.resolve("store"), StoreOptions.READ_ONLY)) {
            return store.partitionDirectory(TimevaultRaftProperties.Log.derivedPartitionId("kv")).toAbsolutePath()
                    .normalize();
        }
    }

    private void runTheGroupOnce(int port) {
        runner().run(context -> {
            try (SingleNodeGroup group = SingleNodeGroup.start("kv", port,
                    context.getBean(TimevaultJRaftServiceFactory.class), dir.resolve("snapshots"))) {
                group.apply("{\"op\":\"PUT\"}".getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    @Test
    void aGroupWhoseLogVanishedStopsStartupUntilTheOperatorAllowsAnEmptyLog() throws Exception {
        runTheGroupOnce(25301);
        Path partition = kvDirectory();
        assertThat(partition).isDirectory();
        deleteRecursively(partition);

        runner().run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(RaftLogMissingException.class);
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("Raft log 'kv' could not be opened", "Directory: " + partition);
            assertThat(analysis.getAction()).contains("timevault.raft.logs.kv.if-missing=create");
        });
        assertThat(partition).as("not re-created").doesNotExist();

        runner("timevault.raft.logs.kv.if-missing=create").run(context -> {
            assertThat(context).hasNotFailed();
            try (SingleNodeGroup group = SingleNodeGroup.start("kv", 25302,
                    context.getBean(TimevaultJRaftServiceFactory.class), dir.resolve("snapshots-new"))) {
                TimevaultLogStorage<?> log = context.getBean(TimevaultJRaftServiceFactory.class).openLog("kv")
                        .orElseThrow();
                assertThat(log.directory().toAbsolutePath().normalize()).isEqualTo(partition);
            }
        });
    }

    /** The analysis Spring Boot would print: the first registered analyzer that reports the failure. */
    private static FailureAnalysis analyze(Throwable failure) {
        return SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class,
                SpringFactoriesLoader.ArgumentResolver.of(org.springframework.core.env.Environment.class,
                        new org.springframework.mock.env.MockEnvironment()).and(
                                org.springframework.beans.factory.BeanFactory.class,
                                new org.springframework.beans.factory.support.DefaultListableBeanFactory()),
                // As Spring Boot does: an analyzer that cannot be created here is skipped.
                SpringFactoriesLoader.FailureHandler.logging(
                        org.apache.commons.logging.LogFactory.getLog(TimevaultRaftJRaftLostLogTests.class)))
                .stream().map(analyzer -> analyzer.analyze(failure)).filter(java.util.Objects::nonNull).findFirst()
                .orElseThrow();
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
