package io.timevault.raft.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.store.StoreLockedException;
import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;

/** Bad configuration fails at startup with a message naming the property and the reason. */
class TimevaultRaftConfigurationFailureTests {

    @TempDir
    Path root;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TimevaultRaftAutoConfiguration.class));

    private ApplicationContextRunner withRoot() {
        return runner.withPropertyValues("timevault.raft.root=" + root);
    }

    @Test
    void unknownEntryTypeClassIsReportedByProperty() {
        withRoot().withPropertyValues("timevault.raft.logs.orders.entry-type=com.example.Missing")
                .run(failsWithProperty("timevault.raft.logs.orders.entry-type", "com.example.Missing",
                        "is not on the classpath"));
    }

    @Test
    void genericEntryTypeIsReportedByProperty() {
        withRoot().withPropertyValues("timevault.raft.logs.orders.entry-type=java.util.ArrayList")
                .run(failsWithProperty("timevault.raft.logs.orders.entry-type", "java.util.ArrayList", "is generic"));
    }

    @Test
    void twoLogsOnOnePartitionAreReportedByProperty() {
        withRoot().withPropertyValues("timevault.raft.logs.a.entry-type=" + OrderCommand.class.getName(),
                "timevault.raft.logs.b.entry-type=" + OrderCommand.class.getName(),
                "timevault.raft.logs.b.partition-id=" + TimevaultRaftProperties.Log.derivedPartitionId("a"))
                .run(failsWithProperty("timevault.raft.logs.b.partition-id",
                        TimevaultRaftProperties.Log.derivedPartitionId("a").toString(),
                        "log 'a' already uses partition"));
    }

    @Test
    void rootUnderARegularFileIsReportedByPropertyNamingTheFile() throws Exception {
        Path file = Files.createFile(root.resolve("a-file"));
        runner.withPropertyValues("timevault.raft.root=" + file.resolve("store"))
                .run(failsWithProperty("timevault.raft.root", file.resolve("store").toString(),
                        file + " is a regular file, not a directory"));
    }

    @Test
    void rootThatIsARegularFileIsReportedByProperty() throws Exception {
        Path file = Files.createFile(root.resolve("a-file"));
        runner.withPropertyValues("timevault.raft.root=" + file)
                .run(failsWithProperty("timevault.raft.root", file.toString(), "it is a regular file, not a directory"));
    }

    @Test
    void storeLockedInThisJvmSaysSoWithThePid() {
        try (TimevaultStore other = TimevaultStore.open(root, StoreOptions.DEFAULTS)) {
            withRoot().run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause().isInstanceOf(StoreLockedException.class);
                FailureAnalysis analysis = new TimevaultRaftFailureAnalyzer.StoreLocked()
                        .analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("Property: timevault.raft.root",
                        "Held by: this JVM (pid " + ProcessHandle.current().pid() + ")");
                assertThat(analysis.getAction()).contains("timevault.raft.root", "temporary directory per context");
            });
        }
    }

    @Test
    void storeLockedByAnotherProcessNamesItsPid() throws Exception {
        Path lockFile = root.resolve(".timevault.write.lock");
        Process holder = new ProcessBuilder("flock", "--exclusive", lockFile.toString(), "sleep", "60").start();
        try {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!lockHeld(lockFile) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Files.writeString(lockFile, "pid=" + holder.pid() + "\n");
            withRoot().run(context -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = new TimevaultRaftFailureAnalyzer.StoreLocked()
                        .analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("Held by: process " + holder.pid())
                        .doesNotContain("this JVM");
                assertThat(analysis.getAction()).contains("Stop the process");
            });
        } finally {
            holder.destroy();
            holder.waitFor();
        }
    }

    private static boolean lockHeld(Path lockFile) {
        try (TimevaultStore store = TimevaultStore.open(lockFile.getParent(), StoreOptions.DEFAULTS)) {
            return false;
        } catch (StoreLockedException held) {
            return true;
        }
    }

    @Test
    void misspelledKeyUnderALogIsReportedByItsName() {
        withRoot().withPropertyValues("timevault.raft.logs.orders.entry-typ=" + OrderCommand.class.getName())
                .run(context -> {
                    assertThat(context).hasFailed();
                    UnboundConfigurationPropertiesException unbound = causeOfType(context.getStartupFailure(),
                            UnboundConfigurationPropertiesException.class);
                    assertThat(unbound.getUnboundProperties()).extracting(p -> p.getName().toString())
                            .containsExactly("timevault.raft.logs.orders.entry-typ");
                });
    }

    @Test
    void missingEntryTypeWithoutTheJRaftBridgeIsReportedByProperty() {
        withRoot().withPropertyValues("timevault.raft.logs.orders.node-id=3")
                .withClassLoader(new FilteredClassLoader("io.timevault.raft.jraft", "com.alipay.sofa.jraft"))
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new TimevaultRaftFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("timevault.raft.logs.orders.entry-type");
                });
    }

    @Test
    void unknownKeyBesideAValidLogIsReportedByItsName() {
        withRoot().withPropertyValues("timevault.raft.logs.orders.entry-type=" + OrderCommand.class.getName(),
                "timevault.raft.logs.orders.sync.max-batch=3", "timevault.raft.rot=/tmp").run(context -> {
                    assertThat(context).hasFailed();
                    UnboundConfigurationPropertiesException unbound = causeOfType(context.getStartupFailure(),
                            UnboundConfigurationPropertiesException.class);
                    assertThat(unbound.getUnboundProperties()).extracting(p -> p.getName().toString())
                            .containsExactlyInAnyOrder("timevault.raft.logs.orders.sync.max-batch",
                                    "timevault.raft.rot");
                });
    }

    @Test
    void blankEntryTypeIsReportedByProperty() {
        withRoot().withPropertyValues("timevault.raft.logs.orders.entry-type= ").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("entryType");
            assertThat(bindException(context).getName()).hasToString("timevault.raft.logs.orders");
        });
    }

    @Test
    void batchSizeBelowOneIsReportedByProperty() {
        withRoot().withPropertyValues("timevault.raft.logs.orders.entry-type=" + OrderCommand.class.getName(),
                "timevault.raft.logs.orders.sync.max-batch-entries=0").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(bindException(context).getName()).hasToString("timevault.raft.logs.orders.sync");
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("maxBatchEntries");
                });
    }

    @Test
    void negativeChunkSizeIsReportedByProperty() {
        withRoot().withPropertyValues("timevault.raft.logs.orders.entry-type=" + OrderCommand.class.getName(),
                "timevault.raft.logs.orders.chunk.max-size=-1B").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(bindException(context).getName()).hasToString("timevault.raft.logs.orders.chunk");
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("maxSize");
                });
    }

    @Test
    void malformedPartitionIdIsReportedByProperty() {
        withRoot().withPropertyValues("timevault.raft.logs.orders.entry-type=" + OrderCommand.class.getName(),
                "timevault.raft.logs.orders.partition-id=not-a-uuid").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(bindException(context).getName()).hasToString("timevault.raft.logs.orders.partition-id");
                });
    }

    @Test
    void logNameThatIsNotABeanNameFragmentIsRejectedByValidation() {
        withRoot().withPropertyValues("timevault.raft.logs[orders/eu].entry-type=" + OrderCommand.class.getName())
                .run(context -> {
                    assertThat(context).hasFailed();
                    BindValidationException validation = causeOfType(context.getStartupFailure(),
                            BindValidationException.class);
                    assertThat(validation.getValidationErrors().getName()).hasToString("timevault.raft");
                    assertThat(validation.getValidationErrors().getAllErrors()).singleElement()
                            .satisfies(error -> assertThat(error.toString()).contains("logs",
                                    "letters, digits, '-' and '_'"));
                });
    }

    private static BindException bindException(AssertableApplicationContext context) {
        return causeOfType(context.getStartupFailure(), BindException.class);
    }

    private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
        Throwable cause = failure;
        while (cause != null && !type.isInstance(cause)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("a %s in the cause chain of %s", type.getSimpleName(), failure).isNotNull();
        return type.cast(cause);
    }

    private static ContextConsumer<AssertableApplicationContext> failsWithProperty(String property, String value,
            String reason) {
        return context -> {
            assertThat(context).hasFailed();
            assertThat(causeOfType(context.getStartupFailure(), InvalidTimevaultRaftPropertyException.class))
                    .hasMessageContaining(property);
            FailureAnalysis analysis = new TimevaultRaftFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("Property: " + property, "Value: " + value, reason);
            assertThat(analysis.getAction()).isNotBlank();
        };
    }
}
