package io.timevault.raft.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.raft.RaftLogStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

/**
 * Damaged or missing files of a log at startup get one page naming the log, the file and offset, what is rebuilt
 * by itself and how to restore from a backup or a peer; with {@code fail-on-recovery-error=false} the application
 * starts without that log and says how to inject around it. Real damaged files.
 */
@ExtendWith(OutputCaptureExtension.class)
class TimevaultLogOpenFailureAnalyzerTests {

    @TempDir
    Path root;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TimevaultRaftAutoConfiguration.class));

    private ApplicationContextRunner withOrdersLog(String... more) {
        return runner.withPropertyValues("timevault.raft.root=" + root,
                "timevault.raft.logs.orders.entry-type=" + OrderCommand.class.getName()).withPropertyValues(more);
    }

    private FailureAnalysis analysisOfFailedStart() {
        FailureAnalysis[] analysis = new FailureAnalysis[1];
        withOrdersLog().run(context -> {
            assertThat(context).hasFailed();
            analysis[0] = new TimevaultLogOpenFailureAnalyzer().analyze(context.getStartupFailure());
        });
        assertThat(analysis[0]).as("a failure analysis").isNotNull();
        return analysis[0];
    }

    private Path ordersDirectory() {
        return LogFixtures.partitionDirectory(root, "orders").toAbsolutePath().normalize();
    }

    @Test
    void malformedMetadataNamesTheFileAndHowToRestoreFromABackupOrAPeer() throws IOException {
        LogFixtures.writeEntries(root, "orders", 3);
        Path metadata = ordersDirectory().resolve("metadata.json");
        Files.writeString(metadata, "{\"partition_id\":");
        FailureAnalysis analysis = analysisOfFailedStart();
        assertThat(analysis.getDescription()).contains("Raft log 'orders' could not be opened", "Log: orders",
                "Directory: " + ordersDirectory(), "File: " + metadata, "Offset: 16");
        assertThat(analysis.getAction()).contains("Never rebuilt", "metadata.json", "from a backup",
                "remove this node from its Raft group", "timevault.raft.logs.orders.if-missing=create",
                "timevault.raft.fail-on-recovery-error=false");
    }

    @Test
    void manifestDeletedUnderItsChunksNamesTheMissingFile() throws IOException {
        LogFixtures.writeEntries(root, "orders", 3);
        Path manifest = ordersDirectory().resolve("manifest.jsonl");
        Files.delete(manifest);
        FailureAnalysis analysis = analysisOfFailedStart();
        assertThat(analysis.getDescription()).contains("File: " + manifest + " (missing)");
        assertThat(analysis.getAction()).contains("from a backup", "Raft group");
    }

    @Test
    void undecodableVoteListsTheRecoveryFindings() {
        LogFixtures.writeEntries(root, "orders", 2);
        LogFixtures.corruptVote(root, "orders");
        FailureAnalysis analysis = analysisOfFailedStart();
        assertThat(analysis.getDescription()).contains("Problem: ", "raft_vote.json", "Recovery findings:");
        assertThat(analysis.getAction()).contains("Rebuilt automatically", "from a backup");
    }

    @Test
    void withFailOnRecoveryErrorDisabledTheOtherLogsStartAndTheLogSaysHowToInjectAroundIt(CapturedOutput output) {
        LogFixtures.writeEntries(root, "orders", 2);
        LogFixtures.corruptVote(root, "orders");
        withOrdersLog("timevault.raft.fail-on-recovery-error=false",
                "timevault.raft.logs.audit.entry-type=" + AuditEvent.class.getName()).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasBean("auditRaftLogStorage");
                    assertThat(context.getBean(TimevaultRaftLogs.class).get("orders").orElseThrow().isOpen())
                            .isFalse();
                });
        assertThat(output).contains("Raft log 'orders' could not be opened and is unavailable",
                "ObjectProvider<RaftLogStorage<OrderCommand>>");
    }

    @Test
    void injectingTheUnavailableLogGetsTheMissingLogAnalysis() {
        LogFixtures.writeEntries(root, "orders", 2);
        LogFixtures.corruptVote(root, "orders");
        withOrdersLog("timevault.raft.fail-on-recovery-error=false").withUserConfiguration(NeedsOrders.class)
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new TimevaultLogStorageMissingFailureAnalyzer(new MockEnvironment()
                            .withProperty("timevault.raft.logs.orders.entry-type", OrderCommand.class.getName()))
                            .analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("orders: entry-type " + OrderCommand.class.getName());
                    assertThat(analysis.getAction()).contains("failed to open", "fail-on-recovery-error=false",
                            "ObjectProvider<");
                });
    }

    static class NeedsOrders {

        NeedsOrders(@Qualifier("orders") RaftLogStorage<OrderCommand> orders) {
        }
    }
}
