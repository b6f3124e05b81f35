package io.timevault.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.sofa.jraft.entity.Task;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * A state machine that cannot apply an entry halts the node (SOFAJRaft {@code onError}): health is DOWN with the
 * index and the cause, readiness OUT_OF_SERVICE, reads answer 503, and the halt is logged once with the next step.
 */
@ExtendWith(OutputCaptureExtension.class)
class HaltedNodeTests {

    @TempDir
    Path data;

    @Test
    @SuppressWarnings("unchecked")
    void anEntryTheStateMachineCannotApplyHaltsTheNodeVisibly(CapturedOutput output) throws Exception {
        List<String> self = SampleNodes.loopbackAddresses(1);
        try (ConfigurableApplicationContext context = SampleNodes.start(data, self.get(0), self)) {
            KvRaftNode node = context.getBean(KvRaftNode.class);
            SampleNodes.await(Duration.ofSeconds(20), "a leader", () -> "LEADER".equals(node.view().role()));
            node.apply(KvCommand.put("before", "1")).get();
            long index = node.raftNode().getLastLogIndex() + 1;
            // Bytes that are no command, proposed past the API (as a bug or a damaged log would deliver them).
            node.raftNode().apply(new Task(ByteBuffer.wrap("not json".getBytes(StandardCharsets.UTF_8)), null));
            KvStateMachine machine = context.getBean(KvStateMachine.class);
            SampleNodes.await(Duration.ofSeconds(20), "the halt", () -> machine.halt().isPresent());

            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
            HttpResponse<String> health = get(base + "/actuator/health");
            assertThat(health.statusCode()).isEqualTo(503);
            Map<?, ?> kvNode = (Map<?, ?>) ((Map<?, ?>) json(health).get("components")).get("kvNode");
            assertThat(kvNode.get("status")).isEqualTo("DOWN");
            Map<String, Object> details = (Map<String, Object>) kvNode.get("details");
            assertThat(details).containsEntry("state", "HALTED").containsEntry("index", (int) index);
            assertThat((String) details.get("cause")).contains("cannot apply the entry at index " + index);
            assertThat((String) details.get("nextStep")).contains("restore this node from a healthy peer");

            HttpResponse<String> readiness = get(base + "/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(json(readiness).get("status")).isEqualTo("OUT_OF_SERVICE");
            assertThat(readiness.body()).contains("\"HALTED\"", "\"index\":" + index);

            HttpResponse<String> read = get(base + "/kv/before");
            assertThat(read.statusCode()).isEqualTo(503);
            assertThat(read.body()).contains("halted at log index " + index);

            get(base + "/actuator/health");
            assertThat(output.getOut().split("HALTED at log index", -1)).as("logged once").hasSize(2);
            assertThat(output.getOut()).contains("HALTED at log index " + index, "Next step: stop this node");
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<?, ?> json(HttpResponse<String> response) {
        return JsonMapper.builder().build().readValue(response.body(), Map.class);
    }
}
