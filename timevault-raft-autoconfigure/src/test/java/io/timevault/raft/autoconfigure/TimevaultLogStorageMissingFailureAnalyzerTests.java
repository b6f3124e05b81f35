package io.timevault.raft.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.raft.RaftLogStorage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

/** "No bean of type RaftLogStorage<X>" lists the configured logs and their entry types, and what to change. */
class TimevaultLogStorageMissingFailureAnalyzerTests {

    @TempDir
    Path root;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TimevaultRaftAutoConfiguration.class));

    /** Analyzes the failed start with an environment holding {@code properties}, as the application's would. */
    private static FailureAnalysis analyze(AssertableApplicationContext context, String... properties) {
        assertThat(context).hasFailed();
        MockEnvironment environment = new MockEnvironment();
        for (String property : properties) {
            String[] pair = property.split("=", 2);
            environment.setProperty(pair[0], pair[1]);
        }
        return new TimevaultLogStorageMissingFailureAnalyzer(environment).analyze(context.getStartupFailure());
    }

    @Test
    void storageOfAnEntryTypeNoLogCarriesListsTheConfiguredLogs() {
        String orders = "timevault.raft.logs.orders.entry-type=" + OrderCommand.class.getName();
        runner.withPropertyValues("timevault.raft.root=" + root, orders)
                .withUserConfiguration(NeedsAudit.class).run(context -> {
                    FailureAnalysis analysis = analyze(context, orders);
                    assertThat(analysis.getDescription()).contains("No Raft log matches",
                            "RaftLogStorage<" + AuditEvent.class.getName() + ">",
                            "Configured logs (timevault.raft.logs):",
                            "orders: entry-type " + OrderCommand.class.getName() + ", bean 'ordersRaftLogStorage'");
                    assertThat(analysis.getAction()).contains(
                            "timevault.raft.logs.<name>.entry-type=" + AuditEvent.class.getName());
                });
    }

    @Test
    void noConfiguredLogSaysSo() {
        runner.withPropertyValues("timevault.raft.root=" + root).withUserConfiguration(NeedsAudit.class)
                .run(context -> assertThat(analyze(context).getDescription())
                        .contains("No log is configured under 'timevault.raft.logs'."));
    }

    @Test
    void twoLogsOfOneTypeAskForAQualifier() {
        String eu = "timevault.raft.logs.audit-eu.entry-type=" + AuditEvent.class.getName();
        String us = "timevault.raft.logs.audit-us.entry-type=" + AuditEvent.class.getName();
        runner.withPropertyValues("timevault.raft.root=" + root, eu, us)
                .withUserConfiguration(NeedsAudit.class).run(context -> {
                    FailureAnalysis analysis = analyze(context, eu, us);
                    assertThat(analysis.getDescription()).contains("Several Raft logs match", "audit-eu", "audit-us");
                    assertThat(analysis.getAction()).contains("@Qualifier(\"<log name>\")");
                });
    }

    @Test
    void otherMissingBeansAreLeftToSpringBoot() {
        runner.withPropertyValues("timevault.raft.root=" + root).withUserConfiguration(NeedsString.class)
                .run(context -> assertThat(analyze(context)).isNull());
    }

    static class NeedsAudit {

        NeedsAudit(RaftLogStorage<AuditEvent> audit) {
        }
    }

    static class NeedsString {

        NeedsString(StringBuilder notABean) {
        }
    }
}
