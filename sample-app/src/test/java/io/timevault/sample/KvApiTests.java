package io.timevault.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's answers to bad requests on a real port (issue 12, point 12): 413 over the value limit (set to 1 KB here;
 * 1 MiB by default), 415 for a body that is not UTF-8 text, 400 with a reason for invalid UTF-8 and over-long keys;
 * and the actuator exposure ({@code health,info,metrics}).
 */
class KvApiTests {

    @TempDir
    static Path data;

    static ConfigurableApplicationContext context;

    static int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startOneNode() throws InterruptedException {
        List<String> self = SampleNodes.loopbackAddresses(1);
        context = SampleNodes.start(data, 0, self.get(0), self, List.of(), "--sample.api.max-value-size=1KB");
        port = ((WebServerApplicationContext) context).getWebServer().getPort();
        KvRaftNode node = context.getBean(KvRaftNode.class);
        SampleNodes.await(Duration.ofSeconds(20), "the single node to lead", () -> "LEADER".equals(node.view().role()));
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void theValueLimitIsOneMebibyteByDefault() {
        KvApiProperties defaults = new Binder(new MapConfigurationPropertySource()).bindOrCreate("sample.api",
                KvApiProperties.class);
        assertThat(defaults.maxValueSize()).isEqualTo(DataSize.ofMegabytes(1));
    }

    @Test
    void aValueAtTheLimitIsTakenOneByteMoreAnswers413WithTheLimit() throws Exception {
        assertThat(put("/kv/big", "text/plain", new byte[1024]).statusCode()).isEqualTo(200);
        HttpResponse<String> tooLarge = put("/kv/bigger", "text/plain", new byte[1025]);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(detail(tooLarge)).contains("1024 bytes", "sample.api.max-value-size");
        assertThat(get("/kv/bigger").statusCode()).isEqualTo(404);
    }

    @Test
    void aBodyThatIsNotTextAnswers415() throws Exception {
        HttpResponse<String> json = put("/kv/j", "application/json", "\"x\"".getBytes());
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(detail(json)).contains("text/plain", "application/json");
        HttpResponse<String> none = send(HttpRequest.newBuilder(uri("/kv/n"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray("x".getBytes())).build());
        assertThat(none.statusCode()).isEqualTo(415);
        HttpResponse<String> latin1 = put("/kv/l", "text/plain; charset=ISO-8859-1", "x".getBytes());
        assertThat(latin1.statusCode()).isEqualTo(415);
        assertThat(detail(latin1)).contains("UTF-8", "ISO-8859-1");
    }

    @Test
    void invalidUtf8Answers400WithTheReasonAndIsNotStored() throws Exception {
        HttpResponse<String> invalid = put("/kv/bad", "text/plain", new byte[] {'o', 'k', (byte) 0xC3, 0x28});
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(detail(invalid)).contains("not valid UTF-8");
        assertThat(get("/kv/bad").statusCode()).isEqualTo(404);
        HttpResponse<String> unicode = put("/kv/good", "text/plain; charset=utf-8", "Grüße ✓".getBytes("UTF-8"));
        assertThat(unicode.statusCode()).isEqualTo(200);
        assertThat(get("/kv/good").body()).contains("Grüße ✓");
    }

    @Test
    void anOverlongKeyAnswers400WithTheReason() throws Exception {
        HttpResponse<String> longKey = put("/kv/" + "k".repeat(1025), "text/plain", "v".getBytes());
        assertThat(longKey.statusCode()).isEqualTo(400);
        assertThat(detail(longKey)).contains("key is longer than 1024 bytes");
    }

    @Test
    void actuatorExposesHealthInfoAndMetricsOnly() throws Exception {
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness").body()).contains("\"kvReadiness\"", "\"SERVING\"");
        assertThat(get("/actuator/info").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/metrics").body()).contains("jvm.memory.used");
        assertThat(get("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(get("/actuator/beans").statusCode()).isEqualTo(404);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> put(String path, String contentType, byte[] body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String detail(HttpResponse<String> response) {
        Map<?, ?> problem = JsonMapper.builder().build().readValue(response.body(), Map.class);
        return String.valueOf(problem.get("detail"));
    }
}
