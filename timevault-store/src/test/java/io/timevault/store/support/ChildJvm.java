package io.timevault.store.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running a main class from the test classpath, with its stdout read line by line on a daemon thread
 * (so a chatty child never blocks on a full pipe) and its stderr in a file for diagnosis.
 */
public final class ChildJvm implements AutoCloseable {

    private static final String EOF = "\u0000EOF";

    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(this::pump, "child-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code java -cp <test classpath> <mainClass> <args>}; stderr goes to {@code stderrFile}. */
    public static ChildJvm start(Class<?> mainClass, Path stderrFile, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Xshare:auto");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(stderrFile.toFile()).start();
            return new ChildJvm(p, stderrFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                all.add(line);
                lines.add(line);
            }
        } catch (IOException ignored) {
            // the child was killed mid-line; what was read is in "all"
        } finally {
            lines.add(EOF);
        }
    }

    /** Waits for the next stdout line, or returns null at end of stream or timeout. */
    public String nextLine(long timeout, TimeUnit unit) throws InterruptedException {
        String l = lines.poll(timeout, unit);
        return l == null || l.equals(EOF) ? null : l;
    }

    /** Waits until a line equal to {@code expected} arrives. */
    public void await(String expected, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            String l = nextLine(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (l == null) {
                break;
            }
            if (l.equals(expected)) {
                return;
            }
        }
        throw new AssertionError("child did not print '" + expected + "'; stdout " + all + "; stderr:\n" + stderr());
    }

    public void send(String line) {
        try {
            OutputStream out = process.getOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL, then wait for the process and its stdout reader to finish. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        drain();
    }

    public int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("child still running after " + seconds + " s; stderr:\n" + stderr());
        }
        drain();
        return process.exitValue();
    }

    private void drain() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && !lines.contains(EOF)) {
            Thread.sleep(5);
        }
    }

    /** Every complete stdout line read so far. */
    public List<String> output() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    public String stderr() {
        return Layout.readText(stderr);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
