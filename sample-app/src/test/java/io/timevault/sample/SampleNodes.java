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
        // Command-line arguments: they override application.yml, as the data directory must.
        return new SpringApplicationBuilder(SampleApplication.class).run(
                "--server.port=0",
                "--sample.raft.address=" + raftAddress,
                "--sample.raft.members=" + String.join(",", members),
                "--sample.raft.snapshot-dir=" + data.resolve("snapshots"),
                "--sample.raft.election-timeout=2s",
                "--timevault.raft.root=" + data.resolve("timevault"));
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
