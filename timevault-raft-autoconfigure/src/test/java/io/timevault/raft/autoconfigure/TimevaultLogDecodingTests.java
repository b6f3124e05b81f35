package io.timevault.raft.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.raft.Entry;
import io.timevault.raft.EntryPayload;
import io.timevault.raft.JacksonFormatPlugin;
import io.timevault.raft.LogId;
import io.timevault.raft.TimevaultLogStorage;
import io.timevault.store.Partition;
import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Entry types decode strictly by default, with the application's (lenient) Jackson mapper: a renamed field of the
 * entry class fails startup naming the log, the entry and the field; {@code strict-decoding=false} reads old records
 * with defaults.
 */
class TimevaultLogDecodingTests {

    /** OrderCommand as an earlier release of the application wrote it: {@code orderId} was {@code orderNo}. */
    record OldOrderCommand(String orderNo, int quantity) {
    }

    @TempDir
    Path root;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
                    TimevaultRaftAutoConfiguration.class));

    private ApplicationContextRunner withOrdersLog(String... more) {
        return runner.withPropertyValues("timevault.raft.root=" + root,
                "timevault.raft.logs.orders.entry-type=" + OrderCommand.class.getName()).withPropertyValues(more);
    }

    /** Three entries written with the old entry class into the partition of the log 'orders'. */
    private void writeOldRecords() {
        try (TimevaultStore store = TimevaultStore.open(root, StoreOptions.DEFAULTS)) {
            Partition partition = store.openOrCreatePartition(TimevaultRaftProperties.Log.derivedPartitionId("orders"),
                    io.timevault.store.PartitionConfig.defaults().withKeyIsTimestamp(false));
            try (TimevaultLogStorage<OldOrderCommand> storage = TimevaultLogStorage.open(partition,
                    JacksonFormatPlugin.forType(OldOrderCommand.class))) {
                storage.blockingAppend(List.of(Entry.normal(LogId.of(1, 0, 1), new OldOrderCommand("a", 1)),
                        Entry.normal(LogId.of(1, 0, 2), new OldOrderCommand("b", 2)),
                        Entry.normal(LogId.of(1, 0, 3), new OldOrderCommand("c", 3))));
            }
        }
    }

    @Test
    void renamedFieldFailsStartupNamingTheLogTheEntryAndTheField() {
        writeOldRecords();
        withOrdersLog().run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(
                    tools.jackson.databind.exc.UnrecognizedPropertyException.class);
            FailureAnalysis analysis = new TimevaultLogOpenFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("Log: orders", "log 'orders', entry T1-N0-3",
                    "field 'orderNo'");
        });
    }

    @Test
    void renamedFieldFailsAReadNamingTheLogTheEntryAndTheField() {
        writeOldRecords();
        withOrdersLog("timevault.raft.logs.orders.strict-decoding=false").run(context -> assertThat(context)
                .hasNotFailed()); // lists the log in the registry; appends a strict-compatible last record below
        try (TimevaultStore store = TimevaultStore.open(root, StoreOptions.DEFAULTS)) {
            Partition partition = store.openPartition(TimevaultRaftProperties.Log.derivedPartitionId("orders"));
            try (TimevaultLogStorage<OrderCommand> storage = TimevaultLogStorage.open(partition,
                    JacksonFormatPlugin.forType(OrderCommand.class))) {
                storage.blockingAppend(List.of(Entry.normal(LogId.of(1, 0, 4), new OrderCommand("d", 4))));
            }
        }
        withOrdersLog().run(context -> {
            assertThat(context).hasNotFailed();
            TimevaultLogStorage<?> storage = context.getBean("ordersRaftLogStorage", TimevaultLogStorage.class);
            assertThat(storage.tryGetLogEntries(4, 5)).hasSize(1);
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> storage.tryGetLogEntries(1, 2)))
                    .hasMessageContaining("log 'orders', entry T1-N0-1").hasMessageContaining("field 'orderNo'");
        });
    }

    @Test
    void lenientDecodingReadsOldRecordsWithDefaults() {
        writeOldRecords();
        withOrdersLog("timevault.raft.logs.orders.strict-decoding=false").run(context -> {
            assertThat(context).hasNotFailed();
            TimevaultLogStorage<OrderCommand> storage = context.getBean("ordersRaftLogStorage",
                    TimevaultLogStorage.class);
            List<Entry<OrderCommand>> entries = storage.tryGetLogEntries(1, 4);
            assertThat(entries).extracting(entry -> ((EntryPayload.Normal<OrderCommand>) entry.payload()).data())
                    .containsExactly(new OrderCommand(null, 1), new OrderCommand(null, 2), new OrderCommand(null, 3));
        });
    }
}
