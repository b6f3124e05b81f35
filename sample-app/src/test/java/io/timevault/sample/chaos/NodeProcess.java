package io.timevault.sample.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One sample node in a JVM of its own, started from the executable jar on 127.0.0.1 with its data in
 * {@code <dir>/node<i>}; its output is appended to {@code <dir>/node<i>.log}. Killed with SIGKILL
 * ({@link Process#destroyForcibly()} on Linux), stopped with SIGTERM.
 */
final class NodeProcess {

    private final ChaosSettings settings;

    private final int index;

    private final List<String> members;

    private final List<String> urls;

    private volatile Process process;

    private volatile long startedAtNanos;

    NodeProcess(ChaosSettings settings, int index, List<String> members, List<String> urls) {
        this.settings = settings;
        this.index = index;
        this.members = members;
        this.urls = urls;
    }

    String name() {
        return "node" + (index + 1);
    }

    String url() {
        return urls.get(index);
    }

    Path data() {
        return settings.dir().resolve(name());
    }

    Path logFile() {
        return settings.dir().resolve(name() + ".log");
    }

    boolean alive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Starts the JVM; returns at once (see {@link #awaitReady}). */
    synchronized void start() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(settings.jvmArgs());
        command.addAll(List.of("-jar", settings.jar().toString(),
                "--server.address=127.0.0.1",
                "--server.port=" + settings.httpPort(index),
                "--sample.raft.address=" + members.get(index),
                "--sample.raft.members=" + String.join(",", members),
                "--sample.raft.member-urls=" + String.join(",", urls),
                "--sample.raft.snapshot-dir=" + data().resolve("snapshots"),
                "--sample.raft.snapshot-interval=" + settings.snapshotEvery().toSeconds() + "s",
                "--sample.raft.snapshot-log-index-margin=" + settings.logMargin(),
                "--timevault.raft.root=" + data().resolve("timevault")));
        try {
            Files.createDirectories(data());
            startedAtNanos = System.nanoTime();
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name(), e);
        }
    }

    /** {@code kill -9}: no shutdown hook, no flush, no close. */
    void kill9() throws InterruptedException {
        Process p = process;
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM and wait for a clean exit (Spring closes the node, then the store). */
    void stop() throws InterruptedException {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroy();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Polls readiness until it answers 200 (the node applied the log it found at start).
     *
     * @return the time from {@link #start} to the first HTTP answer and to the first 200; {@code null} if the node
     *         was not ready within {@code timeout} or its process exited
     */
    Startup awaitReady(Duration timeout, Http http) throws InterruptedException {
        long deadline = startedAtNanos + timeout.toNanos();
        long firstAnswer = -1;
        while (System.nanoTime() < deadline && alive()) {
            int status = http.status(url() + "/actuator/health/readiness");
            long now = System.nanoTime();
            if (status > 0 && firstAnswer < 0) {
                firstAnswer = now;
            }
            if (status == 200) {
                return new Startup(Duration.ofNanos(firstAnswer - startedAtNanos), Duration.ofNanos(now - startedAtNanos));
            }
            Thread.sleep(50);
        }
        return null;
    }

    /**
     * How long a start took.
     *
     * @param firstAnswer start to the first HTTP answer (JVM and Spring context up)
     * @param ready       start to the first 200 of readiness (log applied, reads served)
     */
    record Startup(Duration firstAnswer, Duration ready) {
    }
}
