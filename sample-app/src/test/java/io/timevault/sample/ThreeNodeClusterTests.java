package io.timevault.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * Three nodes on loopback in this JVM: a write through the leader is readable on every node once committed; a write
 * to a follower answers 421 with the leader's HTTP URL.
 */
class ThreeNodeClusterTests {

    @TempDir
    Path data;

    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    @SuppressWarnings("unchecked")
    void writeThroughTheLeaderIsReadableOnEveryNode() throws Exception {
        List<String> members = SampleNodes.loopbackAddresses(3);
        List<Integer> httpPorts = List.of(SampleNodes.freePort(), SampleNodes.freePort(), SampleNodes.freePort());
        List<String> urls = httpPorts.stream().map(port -> "http://127.0.0.1:" + port).toList();
        for (int i = 0; i < 3; i++) {
            nodes.add(SampleNodes.start(data.resolve("node" + i), httpPorts.get(i), members.get(i), members, urls));
        }
        SampleNodes.await(Duration.ofSeconds(30), "a leader known to every node",
                () -> nodes.stream().allMatch(node -> node.getBean(KvRaftNode.class).leader() != null));
        // On a loaded machine leadership can move; wait until one leader is stable in every node's view.
        ConfigurableApplicationContext[] pick = new ConfigurableApplicationContext[2];
        SampleNodes.await(Duration.ofSeconds(30), "a follower that sees the leader", () -> {
            ConfigurableApplicationContext leader = nodes.stream()
                    .filter(node -> "LEADER".equals(node.getBean(KvRaftNode.class).view().role())).findFirst()
                    .orElse(null);
            if (leader == null) {
                return false;
            }
            String leaderAddress = leader.getBean(KvRaftNode.class).view().node();
            Map<?, ?> view = SampleNodes.client(nodes.stream().filter(node -> node != leader).findFirst()
                    .orElseThrow()).get().uri("/cluster").retrieve().body(Map.class);
            pick[0] = leader;
            pick[1] = nodes.stream().filter(node -> node != leader).findFirst().orElseThrow();
            return "FOLLOWER".equals(view.get("role")) && leaderAddress.equals(view.get("leader"));
        });
        ConfigurableApplicationContext leader = pick[0];
        ConfigurableApplicationContext follower = pick[1];
        Map<?, ?> cluster = SampleNodes.client(follower).get().uri("/cluster").retrieve().body(Map.class);
        assertThat((List<Object>) cluster.get("members")).containsExactlyInAnyOrderElementsOf(members);

        SampleNodes.client(leader).put().uri("/kv/{key}", "city").contentType(MediaType.TEXT_PLAIN).body("Lisbon")
                .retrieve().toBodilessEntity();
        for (ConfigurableApplicationContext node : nodes) {
            RestClient http = SampleNodes.client(node);
            SampleNodes.await(Duration.ofSeconds(10), "the write to be applied on every node", () -> {
                try {
                    return "Lisbon".equals(http.get().uri("/kv/{key}", "city").retrieve().body(Map.class).get("value"));
                } catch (HttpClientErrorException.NotFound notYet) {
                    return false;
                }
            });
        }
        try {
            SampleNodes.client(follower).put().uri("/kv/{key}", "x").contentType(MediaType.TEXT_PLAIN).body("y")
                    .retrieve().toBodilessEntity();
            throw new AssertionError("a follower accepted a write");
        } catch (HttpClientErrorException e) {
            String leaderUrl = urls.get(nodes.indexOf(leader));
            assertThat(e.getStatusCode().value()).isEqualTo(421);
            Map<?, ?> problem = e.getResponseBodyAs(Map.class);
            assertThat(problem.get("leader")).isEqualTo(leader.getBean(KvRaftNode.class).view().node());
            assertThat(problem.get("leaderUrl")).isEqualTo(leaderUrl);
            assertThat((String) problem.get("detail")).contains(leaderUrl);
            assertThat(e.getResponseHeaders().getLocation()).hasToString(leaderUrl + "/kv/x");
        }
    }
}
