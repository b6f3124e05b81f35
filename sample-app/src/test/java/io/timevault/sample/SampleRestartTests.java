package io.timevault.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** A node stopped and started again on the same data finds its data: replayed from the timevault log. */
class SampleRestartTests {

    @TempDir
    Path data;

    @Test
    void restartFromDiskKeepsTheData() throws Exception {
        List<String> self = SampleNodes.loopbackAddresses(1);
        try (ConfigurableApplicationContext first = SampleNodes.start(data, self.get(0), self)) {
            RestClient http = SampleNodes.client(first);
            awaitLeader(first);
            for (int i = 0; i < 20; i++) {
                http.put().uri("/kv/{key}", "k" + i).contentType(MediaType.TEXT_PLAIN).body("v" + i).retrieve()
                        .toBodilessEntity();
            }
            http.delete().uri("/kv/{key}", "k3").retrieve().toBodilessEntity();
        }
        try (ConfigurableApplicationContext second = SampleNodes.start(data, self.get(0), self)) {
            RestClient http = SampleNodes.client(second);
            awaitLeader(second);
            KvStateMachine machine = second.getBean(KvStateMachine.class);
            SampleNodes.await(Duration.ofSeconds(20), "the log to be replayed", () -> machine.get("k19").isPresent());
            assertThat(http.get().uri("/kv/{key}", "k7").retrieve().body(Map.class)).containsEntry("value", "v7");
            assertThat(machine.get("k3")).isEmpty();
            Map<?, ?> logs = (Map<?, ?>) ((Map<?, ?>) http.get().uri("/actuator/health").retrieve()
                    .body(Map.class).get("components")).get("timevaultRaft");
            Map<?, ?> details = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) logs.get("components")).get("kv"))
                    .get("details");
            // 20 puts, 1 delete and a configuration entry per term: the log kept every entry.
            assertThat(Long.parseLong(((String) details.get("lastLogId")).replaceAll(".*-", ""))).isGreaterThan(21);
        }
    }

    private static void awaitLeader(ConfigurableApplicationContext context) throws InterruptedException {
        KvRaftNode node = context.getBean(KvRaftNode.class);
        SampleNodes.await(Duration.ofSeconds(20), "a leader", () -> "LEADER".equals(node.view().role()));
    }
}
