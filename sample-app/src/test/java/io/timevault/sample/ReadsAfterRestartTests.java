package io.timevault.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * No stale reads after a restart (issue 12, point 5): 2,000 writes, a restart on the same data, and reads polled from
 * the moment the port answers. Until the node applied the log it found at start, a read answers 503 with
 * {@code Retry-After} and readiness is OUT_OF_SERVICE; never 404 or an old value for an acknowledged key. The
 * restarted node applies entries slowly ({@link SlowReplay}: 2 ms each, about 4 s for the log), as a large log would,
 * so that the window is always there to be observed.
 */
class ReadsAfterRestartTests {

    private static final int WRITES = 2000;

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @Test
    void readsWaitForTheReplayedLogAndNeverAnswerAStaleValue() throws Exception {
        List<String> self = SampleNodes.loopbackAddresses(1);
        int port = SampleNodes.freePort();
        try (ConfigurableApplicationContext first = SampleNodes.start(data, port, self.get(0), self, List.of())) {
            KvRaftNode node = first.getBean(KvRaftNode.class);
            SampleNodes.await(Duration.ofSeconds(20), "a leader", () -> "LEADER".equals(node.view().role()));
            for (int batch = 0; batch < WRITES; batch += 100) {
                List<CompletableFuture<Void>> writes = new ArrayList<>();
                for (int i = batch; i < batch + 100; i++) {
                    writes.add(node.apply(KvCommand.put("k" + i, "v" + i)));
                }
                CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get();
            }
        }
        String base = "http://127.0.0.1:" + port;
        ExecutorService starter = Executors.newSingleThreadExecutor();
        Future<ConfigurableApplicationContext> second = starter.submit(
                () -> SampleNodes.start(data, port, self.get(0), self, List.of(), SlowReplay.ARGS));
        List<String> violations = new ArrayList<>();
        int unavailable = 0;
        int notReady = 0;
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            boolean served = false;
            while (!served && System.nanoTime() < deadline) {
                HttpResponse<String> read = get(base + "/kv/k" + (WRITES - 1));
                HttpResponse<String> readiness = get(base + "/actuator/health/readiness");
                if (read == null) {
                    Thread.sleep(20);
                    continue;
                }
                switch (read.statusCode()) {
                    case 200 -> {
                        served = true;
                        if (!read.body().contains("\"v" + (WRITES - 1) + "\"")) {
                            violations.add("stale value: " + read.body());
                        }
                    }
                    case 503 -> {
                        unavailable++;
                        if (read.headers().firstValue("Retry-After").isEmpty()) {
                            violations.add("503 without Retry-After");
                        }
                        if (!read.body().contains("still applying the log it found at start")) {
                            violations.add("503 without the reason: " + read.body());
                        }
                        if (readiness != null && readiness.statusCode() == 503) {
                            notReady++;
                        }
                    }
                    default -> violations.add("a read of an acknowledged key answered " + read.statusCode() + ": "
                            + read.body());
                }
            }
            assertThat(served).as("the node served reads within 120 s").isTrue();
            assertThat(violations).isEmpty();
            try (ConfigurableApplicationContext restarted = second.get()) {
                assertThat(get(base + "/actuator/health/readiness").statusCode()).isEqualTo(200);
                KvStateMachine machine = restarted.getBean(KvStateMachine.class);
                for (int i = 0; i < WRITES; i++) {
                    assertThat(machine.get("k" + i)).as("k%d", i).contains("v" + i);
                }
                for (int i = 0; i < WRITES; i += 97) {
                    assertThat(get(base + "/kv/k" + i).body()).contains("\"v" + i + "\"");
                }
            }
            assertThat(unavailable).as("reads answered 503 during the replay").isPositive();
            assertThat(notReady).as("readiness answered 503 alongside").isPositive();
        } finally {
            if (second.isDone() && !second.isCancelled()) {
                try {
                    second.get().close();
                } catch (java.util.concurrent.ExecutionException failedToStart) {
                    // reported by the assertions above
                }
            }
            starter.shutdownNow();
        }
    }

    /** The answer, or {@code null} while the port is closed. */
    private HttpResponse<String> get(String url) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException closed) {
            return null;
        }
    }
}
