package io.timevault.raft.autoconfigure.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.raft.Entry;
import io.timevault.raft.LogId;
import io.timevault.raft.RaftLogStorage;
import io.timevault.raft.autoconfigure.OrderCommand;
import io.timevault.raft.autoconfigure.TimevaultRaftAutoConfiguration;
import io.timevault.store.TimevaultStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Two {@code @SpringBootTest} contexts with different configurations, open at once in this JVM (the context cache
 * keeps both), each on its own temporary root; neither writes to the configured {@code ./data}.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
@TemporaryTimevaultRoot
class TemporaryTimevaultRootTests {

    /** The root each context ran on, by log name; and the first context, to check it is still open. */
    static final Map<String, Path> ROOTS = new ConcurrentHashMap<>();
    static volatile ConfigurableApplicationContext first;

    static final String CONFIGURED_ROOT = "./data/timevault-must-not-be-written";

    @SpringBootConfiguration
    @ImportAutoConfiguration(TimevaultRaftAutoConfiguration.class)
    static class App {
    }

    static void appendOne(RaftLogStorage<OrderCommand> log) {
        log.blockingAppend(List.of(Entry.normal(LogId.of(1, 0, 1), new OrderCommand("o-1", 1))));
    }

    @Nested
    @Order(1)
    @SpringBootTest(classes = App.class, properties = "timevault.raft.logs.orders.entry-type="
            + "io.timevault.raft.autoconfigure.OrderCommand")
    @TestPropertySource(properties = "timevault.raft.root=" + CONFIGURED_ROOT)
    class FirstContext {

        @Autowired
        RaftLogStorage<OrderCommand> orders;

        @Autowired
        TimevaultStore store;

        @Autowired
        ConfigurableApplicationContext context;

        @Test
        void runsOnATemporaryRootOfItsOwn() {
            appendOne(orders);
            ROOTS.put("orders", store.root());
            first = context;
            assertThat(store.root().toString()).contains("timevault-raft-test-");
            assertThat(Files.isDirectory(store.root().resolve("partitions"))).isTrue();
        }
    }

    @Nested
    @Order(2)
    @SpringBootTest(classes = App.class, properties = "timevault.raft.logs.audit.entry-type="
            + "io.timevault.raft.autoconfigure.OrderCommand")
    @TestPropertySource(properties = "timevault.raft.root=" + CONFIGURED_ROOT)
    class SecondContext {

        @Autowired
        RaftLogStorage<OrderCommand> audit;

        @Autowired
        TimevaultStore store;

        @Test
        void runsBesideTheFirstOnAnotherRoot() {
            appendOne(audit);
            assertThat(first).as("the first context ran").isNotNull();
            assertThat(first.isActive()).as("the first context is still open (cached)").isTrue();
            assertThat(store.root()).isNotEqualTo(ROOTS.get("orders"));
            assertThat(store.root().toString()).contains("timevault-raft-test-");
            assertThat(Paths.get(CONFIGURED_ROOT)).as("the configured root was never written").doesNotExist();
        }
    }
}
