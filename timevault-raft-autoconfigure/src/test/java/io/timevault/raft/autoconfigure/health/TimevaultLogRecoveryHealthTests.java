package io.timevault.raft.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.raft.LogRecoveryException;
import io.timevault.raft.RecoveryOutcome;
import io.timevault.raft.TimevaultLogStorage;
import io.timevault.raft.autoconfigure.LogFixtures;
import io.timevault.raft.autoconfigure.OrderCommand;
import io.timevault.raft.autoconfigure.TimevaultRaftAutoConfiguration;
import io.timevault.raft.autoconfigure.TimevaultRaftLogs;
import io.timevault.raft.autoconfigure.TimevaultRaftProperties;
import io.timevault.raft.health.TimevaultLogHealthIndicator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Health output for each recovery status, from real partitions left on disk in the state a crash (or damage)
 * leaves them.
 */
class TimevaultLogRecoveryHealthTests {

    @TempDir
    Path root;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TimevaultRaftAutoConfiguration.class,
                    TimevaultRaftHealthContributorAutoConfiguration.class, HealthContributorAutoConfiguration.class));

    private ApplicationContextRunner withOrdersLog() {
        return runner.withPropertyValues("timevault.raft.root=" + root,
                "timevault.raft.logs.orders.entry-type=" + OrderCommand.class.getName());
    }

    private static Health health(org.springframework.context.ApplicationContext context) {
        return ((HealthIndicator) context.getBean("timevaultRaftHealthContributor",
                org.springframework.boot.health.contributor.CompositeHealthContributor.class).getContributor("orders"))
                .health();
    }

    @Test
    void cleanLogIsUpWithItsLastLogId() {
        LogFixtures.writeEntries(root, "orders", 5);
        withOrdersLog().run(context -> {
            Health health = health(context);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("recovery", "CLEAN").containsEntry("lastLogId", "T1-N0-5")
                    .containsEntry("lastPurgedLogId", "none").containsEntry("vote", "none")
                    .containsEntry("writer", "RUNNING").doesNotContainKey("recoveryDetails")
                    .containsEntry("partitionId", TimevaultRaftProperties.Log.derivedPartitionId("orders").toString());
        });
    }

    @Test
    void tornTailIsRepairedAndReportedUp() {
        LogFixtures.writeEntries(root, "orders", 5);
        LogFixtures.tearTail(root, "orders");
        withOrdersLog().run(context -> {
            Health health = health(context);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("recovery", "TAIL_REPAIRED")
                    .containsEntry("lastLogId", "T1-N0-5");
            assertThat((List<?>) health.getDetails().get("recoveryDetails")).anySatisfy(
                    line -> assertThat(line.toString()).contains("TAIL_TRUNCATED"));
        });
    }

    @Test
    void purgeInterruptedBeforeThePartitionPurgeIsRunAgainAndReportedUp() {
        LogFixtures.writeEntries(root, "orders", 5);
        LogFixtures.purgeFileAhead(root, "orders", 2);
        withOrdersLog().run(context -> {
            Health health = health(context);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("recovery", "RE_PURGED")
                    .containsEntry("lastPurgedLogId", "T1-N0-2").containsEntry("lastLogId", "T1-N0-5")
                    .containsKey("recoveryDetails");
        });
    }

    @Test
    void unrecoverableLogFailsStartupByDefault() {
        LogFixtures.writeEntries(root, "orders", 2);
        LogFixtures.corruptVote(root, "orders");
        withOrdersLog().run(context -> {
            assertThat(context).hasFailed();
            Throwable cause = context.getStartupFailure();
            while (cause != null && !(cause instanceof LogRecoveryException)) {
                cause = cause.getCause();
            }
            assertThat(cause).isInstanceOf(LogRecoveryException.class);
            assertThat(((LogRecoveryException) cause).outcome().kind()).isEqualTo(RecoveryOutcome.Kind.FAILED);
        });
    }

    @Test
    void unrecoverableLogIsDownWithTheFindingsWhenStartupIsAllowedToContinue() {
        LogFixtures.writeEntries(root, "orders", 2);
        LogFixtures.corruptVote(root, "orders");
        withOrdersLog().withPropertyValues("timevault.raft.fail-on-recovery-error=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeanProvider(TimevaultLogStorage.class).getIfAvailable()).isNull();
            assertThat(context.getBean(TimevaultRaftLogs.class).get("orders")).get()
                    .satisfies(log -> assertThat(log.isOpen()).isFalse());
            Health health = health(context);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("recovery", "FAILED").containsEntry("writer", "FAILED")
                    .containsKey("failure");
        });
    }

    @Test
    void closedWriterIsOutOfService() {
        withOrdersLog().run(context -> {
            context.getBean(TimevaultLogStorage.class).close();
            assertThat(health(context).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(health(context).getDetails()).containsEntry("writer", "CLOSED");
        });
    }

    @Test
    void failedWriterIsDownWithItsCause() {
        withOrdersLog().run(context -> {
            TimevaultRaftLogs.Log log = context.getBean(TimevaultRaftLogs.class).get("orders").orElseThrow();
            io.timevault.raft.LogStorageStatus up = log.status();
            TimevaultLogHealthIndicator indicator = new TimevaultLogHealthIndicator("orders", 0L,
                    () -> new io.timevault.raft.LogStorageStatus(up.partitionId(), up.directory(), up.recovery(),
                            up.lastLogId(), up.lastPurgedLogId(), up.vote(), io.timevault.raft.WriterState.FAILED,
                            new java.io.IOException("No space left on device")));
            Health health = indicator.health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("writer", "FAILED")
                    .containsEntry("failure", "java.io.IOException: No space left on device");
        });
    }

    @Test
    void healthDetailsAreOnlyPlainValues() {
        LogFixtures.writeEntries(root, "orders", 1);
        withOrdersLog().run(context -> {
            Map<String, Object> details = health(context).getDetails();
            assertThat(details.values()).allSatisfy(value -> assertThat(value)
                    .isInstanceOfAny(String.class, Long.class, List.class));
        });
    }
}
