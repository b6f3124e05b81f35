package io.timevault.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.raft.autoconfigure.test.TemporaryTimevaultRoot;
import io.timevault.store.TimevaultStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The testing pattern of the README: {@code @TemporaryTimevaultRoot} gives this context a store of its own in a
 * temporary directory instead of the application's {@code ./data/timevault}; the sample's own snapshot directory
 * and Raft address are set here (127.0.0.1:25201, the range of this test).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TemporaryTimevaultRoot
class SampleTemporaryRootTests {

    @TempDir
    static Path snapshots;

    @DynamicPropertySource
    static void node(DynamicPropertyRegistry registry) {
        registry.add("sample.raft.address", () -> "127.0.0.1:25201");
        registry.add("sample.raft.members", () -> "127.0.0.1:25201");
        registry.add("sample.raft.snapshot-dir", () -> snapshots.toString());
        registry.add("sample.raft.election-timeout", () -> "500ms");
    }

    @Autowired
    TimevaultStore store;

    @Autowired
    KvRaftNode node;

    @LocalServerPort
    int port;

    @Test
    void theStoreLivesInATemporaryDirectoryAndServesWrites() throws InterruptedException {
        assertThat(store.root().toString()).contains("timevault-raft-test-");
        assertThat(store.root().toAbsolutePath()).isNotEqualTo(Path.of("data/timevault").toAbsolutePath());
        SampleNodes.await(Duration.ofSeconds(20), "the single node to lead", () -> "LEADER".equals(node.view().role()));
        RestClient http = RestClient.create("http://127.0.0.1:" + port);
        http.put().uri("/kv/{key}", "k").contentType(MediaType.TEXT_PLAIN).body("v").retrieve().toBodilessEntity();
        assertThat(http.get().uri("/kv/{key}", "k").retrieve().body(Map.class)).containsEntry("value", "v");
    }
}
