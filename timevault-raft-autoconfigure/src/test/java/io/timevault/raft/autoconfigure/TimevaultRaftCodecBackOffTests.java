package io.timevault.raft.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.raft.Entry;
import io.timevault.raft.JacksonFormatPlugin;
import io.timevault.raft.RaftRecordCodec;
import io.timevault.raft.TimevaultLogStorage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;

/** The default codec backs off per entry type: matched by generic type, not by the raw codec type. */
class TimevaultRaftCodecBackOffTests {

    @TempDir
    Path root;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TimevaultRaftAutoConfiguration.class));

    private ApplicationContextRunner withLogsOfAAndB() {
        return runner.withPropertyValues("timevault.raft.root=" + root,
                "timevault.raft.logs.orders.entry-type=" + OrderCommand.class.getName(),
                "timevault.raft.logs.audit.entry-type=" + AuditEvent.class.getName());
    }

    @Test
    void userCodecForOneTypeReplacesOnlyThatTypesDefault() {
        withLogsOfAAndB().withUserConfiguration(UserOrderCodec.class).run(context -> {
            assertThat(context.getBeansOfType(RaftRecordCodec.class)).containsOnlyKeys("orderCodec",
                    "timevaultRaftCodec:" + AuditEvent.class.getName());
            assertThat(codecFor(context, OrderCommand.class)).isSameAs(context.getBean("orderCodec"));
            assertThat(codecFor(context, AuditEvent.class)).isInstanceOf(JacksonFormatPlugin.class);
            assertThat(storage(context, "ordersRaftLogStorage").codec()).isSameAs(context.getBean("orderCodec"));
            assertThat(storage(context, "auditRaftLogStorage").codec()).isInstanceOf(JacksonFormatPlugin.class);
        });
    }

    @Test
    void userJacksonPluginForOneTypeReplacesThatTypesDefault() {
        withLogsOfAAndB().withUserConfiguration(UserAuditPlugin.class).run(context -> {
            assertThat(context.getBeansOfType(RaftRecordCodec.class)).containsOnlyKeys("auditPlugin",
                    "timevaultRaftCodec:" + OrderCommand.class.getName());
            assertThat(storage(context, "auditRaftLogStorage").codec()).isSameAs(context.getBean("auditPlugin"));
        });
    }

    @Test
    void userCodecForAnUnconfiguredTypeChangesNothing() {
        runner.withPropertyValues("timevault.raft.root=" + root,
                "timevault.raft.logs.audit.entry-type=" + AuditEvent.class.getName())
                .withUserConfiguration(UserOrderCodec.class).run(context -> {
                    assertThat(codecFor(context, AuditEvent.class)).isInstanceOf(JacksonFormatPlugin.class);
                    assertThat(context.getBeansOfType(TimevaultLogStorage.class)).containsOnlyKeys("auditRaftLogStorage");
                });
    }

    private static Object codecFor(org.springframework.context.ApplicationContext context, Class<?> type) {
        return context.getBeanProvider(ResolvableType.forClassWithGenerics(RaftRecordCodec.class, type)).getIfUnique();
    }

    private static TimevaultLogStorage<?> storage(org.springframework.context.ApplicationContext context, String name) {
        return context.getBean(name, TimevaultLogStorage.class);
    }

    @Configuration(proxyBeanMethods = false)
    static class UserOrderCodec {

        @Bean
        RaftRecordCodec<OrderCommand> orderCodec() {
            JacksonFormatPlugin<OrderCommand> json = JacksonFormatPlugin.forType(OrderCommand.class);
            return new RaftRecordCodec<>() {
                @Override
                public byte[] encode(Entry<OrderCommand> entry) {
                    return json.encode(entry);
                }

                @Override
                public Entry<OrderCommand> decode(byte[] record, int offset, int length) {
                    return json.decode(record, offset, length);
                }

                @Override
                public boolean supportsFormat(String name) {
                    return json.supportsFormat(name);
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserAuditPlugin {

        @Bean
        JacksonFormatPlugin<AuditEvent> auditPlugin() {
            return JacksonFormatPlugin.forType(AuditEvent.class);
        }
    }
}
