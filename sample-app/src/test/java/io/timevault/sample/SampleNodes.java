package io.timevault.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/** Starts sample nodes in this JVM on free loopback ports, and talks to them over HTTP. */
final class SampleNodes {

    private SampleNodes() {
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts one node on a random HTTP port with its data under {@code data}. */
    static ConfigurableApplicationContext start(Path data, String raftAddress, List<String> members) {
        return start(data, 0, raftAddress, members, List.of());
    }

    /**
     * Starts one node on {@code httpPort} (0: any) with its data under {@code data}; {@code memberUrls} are the
     * members' HTTP URLs in the order of {@code members}, or empty; {@code more} are further arguments, e.g.
     * {@code --sample.api.max-value-size=1KB}.
     */
    static ConfigurableApplicationContext start(Path data, int httpPort, String raftAddress, List<String> members,
            List<String> memberUrls, String... more) {
        // Command-line arguments: they override application.yml, as the data directory must.
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + httpPort,
                "--server.address=127.0.0.1",
                "--sample.raft.address=" + raftAddress,
                "--sample.raft.members=" + String.join(",", members),
                "--sample.raft.member-urls=" + String.join(",", memberUrls),
                "--sample.raft.snapshot-dir=" + data.resolve("snapshots"),
                "--sample.raft.election-timeout=2s",
                "--timevault.raft.root=" + data.resolve("timevault")));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(SampleApplication.class).run(args.toArray(String[]::new));
    }

    static RestClient client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return RestClient.create("http://127.0.0.1:" + port);
    }

    static List<String> loopbackAddresses(int count) {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            addresses.add("127.0.0.1:" + freePort());
        }
        return addresses;
    }

    /** Polls {@code condition} every 50 ms until it holds or {@code timeout} passes. */
    static void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
