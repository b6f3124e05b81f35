package io.timevault.raft.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.raft.Entry;
import io.timevault.raft.JacksonFormatPlugin;
import io.timevault.raft.LogId;
import io.timevault.raft.RaftLogStorage;
import io.timevault.raft.RaftRecordCodec;
import io.timevault.raft.TimevaultLogStorage;
import io.timevault.raft.WriterState;
import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import tools.jackson.databind.json.JsonMapper;

/** The store and per-log beans: what is created, how it is typed, and when it backs off. */
class TimevaultRaftAutoConfigurationTests {

    @TempDir
    Path root;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TimevaultRaftAutoConfiguration.class));

    private ApplicationContextRunner withRoot() {
        return runner.withPropertyValues("timevault.raft.root=" + root);
    }

    @Test
    void runWithoutLogsCreatesOnlyTheStore() {
        withRoot().run(context -> {
            assertThat(context).hasSingleBean(TimevaultStore.class).doesNotHaveBean(TimevaultLogStorage.class);
            assertThat(context.getBean(TimevaultStore.class).root()).isEqualTo(root);
            assertThat(context.getBean(TimevaultRaftLogs.class).all()).isEmpty();
        });
    }

    @Test
    void runWhenDisabledCreatesNoBeans() {
        withRoot().withPropertyValues("timevault.raft.enabled=false",
                "timevault.raft.logs.orders.entry-type=" + OrderCommand.class.getName()).run(context -> {
                    assertThat(context).doesNotHaveBean(TimevaultStore.class)
                            .doesNotHaveBean(TimevaultLogStorage.class)
                            .doesNotHaveBean(RaftRecordCodec.class)
                            .doesNotHaveBean(TimevaultRaftProperties.class);
                });
    }

    @Test
    void runWithALogRegistersStorageAndCodecWithTheirGenericTypes() {
        withRoot().withPropertyValues("timevault.raft.logs.orders.entry-type=" + OrderCommand.class.getName())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    RaftLogStorage<OrderCommand> storage = uniqueOfType(context.getBeanFactory()
                            .getBeanProvider(ResolvableType.forClassWithGenerics(RaftLogStorage.class,
                                    OrderCommand.class)));
                    assertThat(storage).isSameAs(context.getBean("ordersRaftLogStorage"));
                    RaftRecordCodec<OrderCommand> codec = uniqueOfType(context.getBeanFactory().getBeanProvider(
                            ResolvableType.forClassWithGenerics(RaftRecordCodec.class, OrderCommand.class)));
                    assertThat(codec).isInstanceOf(JacksonFormatPlugin.class);
                    // The storage decodes with the codec bean's mapper, made strict and named after the log.
                    assertThat(((TimevaultLogStorage<?>) storage).codec()).isInstanceOfSatisfying(
                            JacksonFormatPlugin.class, used -> {
                                assertThat(used.mapper()).isSameAs(((JacksonFormatPlugin<?>) codec).mapper());
                                assertThat(used).hasToString("JacksonFormatPlugin<" + OrderCommand.class.getName()
                                        + ">[strict](log 'orders')");
                            });
                    assertThat(context.getBeanFactory().getBeanProvider(ResolvableType
                            .forClassWithGenerics(RaftLogStorage.class, AuditEvent.class)).getIfAvailable()).isNull();
                });
    }

    @Test
    void userComponentsInjectTheStorageByGenericTypeAndByLogName() {
        withRoot().withUserConfiguration(OrderService.class)
                .withPropertyValues("timevault.raft.logs.orders.entry-type=" + OrderCommand.class.getName(),
                        "timevault.raft.logs.audit.entry-type=" + AuditEvent.class.getName(),
                        "timevault.raft.logs.orders-copy.entry-type=" + OrderCommand.class.getName())
                .run(context -> {
                    OrderService service = context.getBean(OrderService.class);
                    assertThat(service.orders).isSameAs(context.getBean("ordersRaftLogStorage"));
                    assertThat(service.audit).isSameAs(context.getBean("auditRaftLogStorage"));
                    service.orders.blockingAppend(List.of(Entry.normal(LogId.of(1, 0, 1), new OrderCommand("a", 1))));
                    assertThat(service.orders.tryGetLogEntry(1)).get()
                            .extracting(Entry::payload).hasToString("Normal[data=OrderCommand[orderId=a, quantity=1]]");
                });
    }

    @Test
    void logsOfOneEntryTypeShareOneCodec() {
        withRoot().withPropertyValues("timevault.raft.logs.a.entry-type=" + OrderCommand.class.getName(),
                "timevault.raft.logs.b.entry-type=" + OrderCommand.class.getName()).run(context -> {
                    assertThat(context.getBeansOfType(RaftRecordCodec.class)).hasSize(1);
                    assertThat(context.getBeansOfType(TimevaultLogStorage.class)).hasSize(2);
                    TimevaultLogStorage<?> a = context.getBean("aRaftLogStorage", TimevaultLogStorage.class);
                    TimevaultLogStorage<?> b = context.getBean("bRaftLogStorage", TimevaultLogStorage.class);
                    assertThat(a.partition().id()).isEqualTo(TimevaultRaftProperties.Log.derivedPartitionId("a"))
                            .isNotEqualTo(b.partition().id());
                });
    }

    @Test
    void configuredPartitionIdAndKnobsReachThePartitionAndTheWriter() {
        withRoot().withPropertyValues("timevault.raft.logs.orders.entry-type=" + OrderCommand.class.getName(),
                "timevault.raft.logs.orders.partition-id=8e3f7c3a-0000-4000-8000-000000000001",
                "timevault.raft.logs.orders.chunk.max-size=1MB", "timevault.raft.logs.orders.index.max-records=16",
                "timevault.raft.logs.orders.sync.max-batch-entries=64",
                "timevault.raft.logs.orders.sync.slow-threshold=250ms").run(context -> {
                    TimevaultLogStorage<?> storage = context.getBean(TimevaultLogStorage.class);
                    assertThat(storage.partition().id()).hasToString("8e3f7c3a-0000-4000-8000-000000000001");
                    assertThat(storage.partition().config().chunkRoll().maxBytes()).isEqualTo(1024 * 1024);
                    assertThat(storage.partition().config().index().maxRecords()).isEqualTo(16);
                    assertThat(storage.partition().config().keyIsTimestamp()).isFalse();
                    assertThat(storage.options().maxBatchEntries()).isEqualTo(64);
                    assertThat(storage.options().slowSyncThreshold()).hasMillis(250);
                });
    }

    @Test
    void codecsUseBootsJsonMapperWhenThereIsOne() {
        runner.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .withPropertyValues("timevault.raft.root=" + root,
                        "timevault.raft.logs.orders.entry-type=" + OrderCommand.class.getName())
                .run(context -> {
                    JacksonFormatPlugin<?> codec = context.getBean(JacksonFormatPlugin.class);
                    assertThat(codec.mapper()).isSameAs(context.getBean(JsonMapper.class));
                });
    }

    @Test
    void userStoreMakesTheStoreBackOffAndIsUsedByTheLogs() {
        withRoot().withUserConfiguration(UserStore.class)
                .withPropertyValues("timevault.raft.logs.orders.entry-type=" + OrderCommand.class.getName())
                .run(context -> {
                    assertThat(context).hasSingleBean(TimevaultStore.class).hasBean("myStore");
                    TimevaultLogStorage<?> storage = context.getBean(TimevaultLogStorage.class);
                    assertThat(storage.directory()).startsWith(root.resolve("mine"));
                });
    }

    @Test
    void userStorageBeanWithTheLogsBeanNameMakesTheStorageBackOff() {
        withRoot().withUserConfiguration(UserStorage.class)
                .withPropertyValues("timevault.raft.logs.orders.entry-type=" + OrderCommand.class.getName())
                .run(context -> {
                    assertThat(context).hasSingleBean(TimevaultLogStorage.class);
                    TimevaultLogStorage<?> storage = context.getBean(TimevaultLogStorage.class);
                    assertThat(storage.options().maxBatchEntries()).isEqualTo(7);
                    assertThat(context.getBean(TimevaultRaftLogs.class).get("orders")).get()
                            .extracting(TimevaultRaftLogs.Log::storage).isSameAs(storage);
                });
    }

    @Test
    void closingTheContextDrainsTheLogsBeforeTheStoreReleasesItsLock() {
        TimevaultLogStorage<?>[] closed = new TimevaultLogStorage<?>[1];
        withRoot().withPropertyValues("timevault.raft.logs.orders.entry-type=" + OrderCommand.class.getName())
                .run(context -> {
                    @SuppressWarnings("unchecked")
                    TimevaultLogStorage<OrderCommand> storage = context.getBean(TimevaultLogStorage.class);
                    storage.append(List.of(Entry.normal(LogId.of(1, 0, 1), new OrderCommand("a", 1)),
                            Entry.normal(LogId.of(1, 0, 2), new OrderCommand("b", 2))), error -> {
                            });
                    closed[0] = storage;
                    String[] dependents = context.getBeanFactory().getDependentBeans("timevaultStore");
                    assertThat(dependents).contains("ordersRaftLogStorage");
                });
        assertThat(closed[0].status().writerState()).isEqualTo(WriterState.CLOSED);
        // The lock is released and both appends are durable.
        try (TimevaultStore store = TimevaultStore.open(root, StoreOptions.DEFAULTS)) {
            assertThat(store.openPartition(TimevaultRaftProperties.Log.derivedPartitionId("orders")).lastRecord())
                    .get().extracting(record -> record.key()).isEqualTo(2L);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T uniqueOfType(org.springframework.beans.factory.ObjectProvider<Object> provider) {
        return (T) provider.getIfUnique();
    }

    @Configuration(proxyBeanMethods = false)
    static class OrderService {

        final RaftLogStorage<OrderCommand> orders;

        final RaftLogStorage<AuditEvent> audit;

        OrderService(@Qualifier("orders") RaftLogStorage<OrderCommand> orders, RaftLogStorage<AuditEvent> audit) {
            this.orders = orders;
            this.audit = audit;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserStore {

        @Bean
        TimevaultStore myStore(@org.springframework.beans.factory.annotation.Value("${timevault.raft.root}") Path root) {
            return TimevaultStore.open(root.resolve("mine"), StoreOptions.DEFAULTS);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserStorage {

        @Bean
        TimevaultLogStorage<OrderCommand> ordersRaftLogStorage(TimevaultStore store) {
            return TimevaultLogStorage.open(store.openOrCreatePartition(
                    TimevaultRaftProperties.Log.derivedPartitionId("orders"),
                    io.timevault.store.PartitionConfig.defaults()), JacksonFormatPlugin.forType(OrderCommand.class),
                    io.timevault.raft.LogStorageOptions.DEFAULTS.withMaxBatchEntries(7));
        }
    }
}
