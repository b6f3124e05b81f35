package io.timevault.raft.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.raft.Entry;
import io.timevault.raft.LogId;
import io.timevault.raft.RaftLogMissingException;
import io.timevault.raft.RaftLogRegistry;
import io.timevault.raft.TimevaultLogStorage;
import io.timevault.raft.WriterState;
import io.timevault.store.CorruptFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Lost state is never silent: a log the store held and whose partition is gone stops startup (unless the operator
 * says {@code if-missing=create}); a new log is logged with its absolute path. Real files, real contexts.
 */
@ExtendWith(OutputCaptureExtension.class)
class TimevaultLogLostStartupTests {

    @TempDir
    Path root;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TimevaultRaftAutoConfiguration.class));

    private ApplicationContextRunner withOrdersLog(String... more) {
        return runner.withPropertyValues("timevault.raft.root=" + root,
                "timevault.raft.logs.orders.entry-type=" + OrderCommand.class.getName()).withPropertyValues(more);
    }

    private Path ordersDirectory() {
        return LogFixtures.partitionDirectory(root, "orders").toAbsolutePath().normalize();
    }

    /** Runs the application once and writes three entries, as a node that acknowledged them. */
    private void runOnceWithThreeEntries() {
        withOrdersLog().run(context -> {
            assertThat(context).hasNotFailed();
            TimevaultLogStorage<OrderCommand> storage = context.getBean("ordersRaftLogStorage",
                    TimevaultLogStorage.class);
            storage.blockingAppend(List.of(Entry.normal(LogId.of(1, 0, 1), new OrderCommand("a", 1)),
                    Entry.normal(LogId.of(1, 0, 2), new OrderCommand("b", 2)),
                    Entry.normal(LogId.of(1, 0, 3), new OrderCommand("c", 3))));
        });
    }

    @Test
    void newLogIsListedInTheRegistryAndLoggedWithItsAbsolutePath(CapturedOutput output) throws IOException {
        runOnceWithThreeEntries();
        assertThat(output).contains("Raft log 'orders' is new: created its partition",
                ordersDirectory().toString());
        assertThat(Files.readString(root.resolve(RaftLogRegistry.FILE)))
                .contains("\"partition_id\":\"" + TimevaultRaftProperties.Log.derivedPartitionId("orders") + "\"",
                        "\"name\":\"orders\"");
    }

    @Test
    void vanishedLogStopsStartupNamingTheLogThePathAndTheNextSteps() throws IOException {
        runOnceWithThreeEntries();
        deleteRecursively(ordersDirectory());
        withOrdersLog().run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(RaftLogMissingException.class);
            FailureAnalysis analysis = new TimevaultLogOpenFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("Raft log 'orders' could not be opened", "Log: orders",
                    "Directory: " + ordersDirectory(), "Registry: " + root.toAbsolutePath().resolve(RaftLogRegistry.FILE),
                    "vote twice");
            assertThat(analysis.getAction()).contains("backup", "timevault.raft.logs.orders.if-missing=create",
                    "remove this node from its Raft group", "timevault.raft.root");
        });
        assertThat(ordersDirectory()).as("nothing re-created").doesNotExist();
    }

    @Test
    void ifMissingCreateReCreatesTheVanishedLogEmptyAndSaysSo(CapturedOutput output) throws IOException {
        runOnceWithThreeEntries();
        deleteRecursively(ordersDirectory());
        withOrdersLog("timevault.raft.logs.orders.if-missing=create").run(context -> {
            assertThat(context).hasNotFailed();
            TimevaultLogStorage<?> storage = context.getBean("ordersRaftLogStorage", TimevaultLogStorage.class);
            assertThat(storage.getLogState().last()).isEmpty();
        });
        assertThat(output).contains("Raft log 'orders' had lost its partition", "RE-CREATED EMPTY",
                ordersDirectory().toString());
    }

    @Test
    void vanishedLogWithFailOnRecoveryErrorDisabledStartsWithThatLogFailedAndNotRecreated() throws IOException {
        runOnceWithThreeEntries();
        Path directory = ordersDirectory();
        deleteRecursively(directory);
        withOrdersLog("timevault.raft.fail-on-recovery-error=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeanProvider(TimevaultLogStorage.class).getIfAvailable()).isNull();
            TimevaultRaftLogs.Log log = context.getBean(TimevaultRaftLogs.class).get("orders").orElseThrow();
            assertThat(log.status().writerState()).isEqualTo(WriterState.FAILED);
            assertThat(log.status().recovery().details()).singleElement().asString().startsWith("missing: ")
                    .contains(directory.toString());
        });
        assertThat(directory).doesNotExist();
    }

    @Test
    void logsTheRegistryDoesNotListAreAdoptedWhenTheyOpen() throws IOException {
        LogFixtures.writeEntries(root, "orders", 2); // written without the registry, as before it existed
        withOrdersLog().run(context -> assertThat(context).hasNotFailed());
        deleteRecursively(ordersDirectory());
        withOrdersLog().run(context -> assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(RaftLogMissingException.class));
    }

    @Test
    void unreadableRegistryStopsStartupNamingTheFile() throws IOException {
        runOnceWithThreeEntries();
        Files.writeString(root.resolve(RaftLogRegistry.FILE), "{\"version\":1,\"logs\":[{\"partition_");
        withOrdersLog().run(context -> {
            assertThat(context).hasFailed();
            assertThat(Stream.iterate(context.getStartupFailure(), t -> t != null, Throwable::getCause))
                    .hasAtLeastOneElementOfType(CorruptFileException.class);
            FailureAnalysis analysis = new TimevaultLogOpenFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription())
                    .contains("File: " + root.toAbsolutePath().resolve(RaftLogRegistry.FILE));
        });
    }

    static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
