package io.timevault.sample.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The chaos test's HTTP client: short connect timeouts, every answer as status and JSON. */
final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();

    private final Duration requestTimeout;

    Http(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    /**
     * One answer.
     *
     * @param status the HTTP status
     * @param body   the body as JSON, or {@code null} if it is not JSON
     */
    record Answer(int status, JsonNode body) {

        String text(String field) {
            return body == null || !body.hasNonNull(field) ? null : body.get(field).asString();
        }
    }

    Answer put(String url, String value) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout)
                .header("Content-Type", "text/plain; charset=UTF-8")
                .PUT(HttpRequest.BodyPublishers.ofString(value, StandardCharsets.UTF_8)).build());
    }

    Answer get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout).GET().build());
    }

    /** The status of a GET, or -1 if there was no answer (refused, reset, timed out). */
    int status(String url) throws InterruptedException {
        try {
            return get(url).status();
        } catch (IOException e) {
            return -1;
        }
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = response.body().isEmpty() ? null : JSON.readTree(response.body());
        } catch (RuntimeException notJson) {
            body = null;
        }
        return new Answer(response.statusCode(), body);
    }
}
