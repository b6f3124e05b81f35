package io.timevault.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/** One embedded node on a real HTTP port: writes, reads, deletes and the health JSON. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

    private static final Path DATA;

    static {
        try {
            DATA = Files.createTempDirectory("sample-app-test");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void nodeProperties(DynamicPropertyRegistry registry) {
        String address = "127.0.0.1:" + SampleNodes.freePort();
        registry.add("sample.raft.address", () -> address);
        registry.add("sample.raft.members", () -> address);
        registry.add("sample.raft.election-timeout", () -> "500ms");
        registry.add("sample.raft.snapshot-dir", () -> DATA.resolve("snapshots").toString());
        registry.add("timevault.raft.root", () -> DATA.resolve("timevault").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    KvRaftNode node;

    RestClient http;

    @BeforeEach
    void client() throws InterruptedException {
        http = RestClient.create("http://127.0.0.1:" + port);
        SampleNodes.await(Duration.ofSeconds(20), "the single node to lead", () -> "LEADER".equals(node.view().role()));
    }

    @Test
    void putThenGetReturnsTheValue() {
        Map<String, String> put = http.put().uri("/kv/{key}", "colour").contentType(MediaType.TEXT_PLAIN).body("blue")
                .retrieve().body(new ParameterizedTypeReference<>() {
                });
        assertThat(put).containsEntry("value", "blue");
        assertThat(http.get().uri("/kv/{key}", "colour").retrieve().body(Map.class)).containsEntry("value", "blue");
    }

    @Test
    void deleteRemovesTheKey() {
        http.put().uri("/kv/{key}", "temp").contentType(MediaType.TEXT_PLAIN).body("x").retrieve().toBodilessEntity();
        assertThat(http.delete().uri("/kv/{key}", "temp").retrieve().toBodilessEntity().getStatusCode().value())
                .isEqualTo(204);
        assertThatExceptionOfType(HttpClientErrorException.NotFound.class)
                .isThrownBy(() -> http.get().uri("/kv/{key}", "temp").retrieve().body(Map.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void clusterShowsTheLeaderAndTheMembers() {
        Map<?, ?> cluster = http.get().uri("/cluster").retrieve().body(Map.class);
        assertThat(cluster.get("role")).isEqualTo("LEADER");
        assertThat(cluster.get("leader")).isEqualTo(cluster.get("node"));
        assertThat((java.util.List<Object>) cluster.get("members")).containsExactly(cluster.get("node"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthShowsTheTimevaultLogWithItsDetails() {
        http.put().uri("/kv/{key}", "h").contentType(MediaType.TEXT_PLAIN).body("1").retrieve().toBodilessEntity();
        Map<?, ?> health = http.get().uri("/actuator/health").retrieve().body(Map.class);
        assertThat(health.get("status")).isEqualTo("UP");
        Map<?, ?> logs = (Map<?, ?>) ((Map<?, ?>) health.get("components")).get("timevaultRaft");
        assertThat(logs.get("status")).isEqualTo("UP");
        Map<?, ?> timevault = (Map<?, ?>) ((Map<?, ?>) logs.get("components")).get("kv");
        assertThat(timevault.get("status")).isEqualTo("UP");
        Map<?, ?> details = (Map<?, ?>) timevault.get("details");
        assertThat(details.get("log")).isEqualTo("kv");
        assertThat(details.get("recovery")).isEqualTo("CLEAN");
        assertThat((String) details.get("lastLogId")).matches("T\\d+-N\\d+-\\d+");
        assertThat((String) details.get("vote")).startsWith("T");
        assertThat((String) details.get("directory")).startsWith(DATA.resolve("timevault").toAbsolutePath().toString());
    }
}
