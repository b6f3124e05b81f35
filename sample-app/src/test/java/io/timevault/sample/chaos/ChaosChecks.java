package io.timevault.sample.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The checks after the kills, on a cluster whose writers stopped: it converges (every node ready and at the same
 * applied index, which is then the committed index); no node halted and no recovery failed; every acknowledged write
 * reads back with its value on every node, and no node holds a value no client wrote; then the nodes are killed and
 * the committed records of the three on-disk logs are compared (from the first index all three still hold).
 */
final class ChaosChecks {

    private static final Duration CONVERGE = Duration.ofMinutes(3);

    private final List<NodeProcess> nodes;

    private final Http http;

    private final Ledger ledger;

    private final List<String> violations;

    private final AtomicLong lost = new AtomicLong();

    private final AtomicLong unwritten = new AtomicLong();

    private long divergences;

    private String compared = "none";

    private String snapshot = "";

    private long halts;

    private long errorLines;

    ChaosChecks(List<NodeProcess> nodes, Http http, Ledger ledger, List<String> violations) {
        this.nodes = nodes;
        this.http = http;
        this.ledger = ledger;
        this.violations = Collections.synchronizedList(violations);
    }

    void run() throws Exception {
        long committed = converge();
        checkHealth();
        checkReads();
        for (NodeProcess node : nodes) {
            // A last crash rather than a clean stop: the logs are compared as kill -9 leaves them, and no shutdown
            // snapshot purges the records to compare.
            node.kill9();
        }
        checkLogs(committed);
        countErrorLines();
    }

    /** Waits until every node is ready and all applied the same index; returns it. */
    private long converge() throws InterruptedException {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        List<Long> applied = List.of();
        while (System.nanoTime() < deadline) {
            applied = new ArrayList<>();
            for (NodeProcess node : nodes) {
                JsonNode kvNode = component(node, "kvNode");
                boolean ready = http.status(node.url() + "/actuator/health/readiness") == 200;
                applied.add(ready && kvNode != null ? kvNode.path("details").path("appliedIndex").asLong(-1) : -1);
            }
            if (applied.get(0) > 0 && applied.stream().distinct().count() == 1) {
                Thread.sleep(1000);
                if (stillAt(applied.get(0))) {
                    return applied.get(0);
                }
            }
            Thread.sleep(500);
        }
        violations.add("the cluster did not converge within " + CONVERGE.toSeconds() + " s after the writers stopped: "
                + "applied indexes " + applied);
        return applied.stream().mapToLong(Long::longValue).filter(i -> i > 0).min().orElse(0);
    }

    private boolean stillAt(long index) {
        return nodes.stream().allMatch(node -> {
            JsonNode kvNode = component(node, "kvNode");
            return kvNode != null && kvNode.path("details").path("appliedIndex").asLong(-1) == index;
        });
    }

    private void checkHealth() throws IOException {
        for (NodeProcess node : nodes) {
            JsonNode kvNode = component(node, "kvNode");
            String log = Files.readString(node.logFile(), StandardCharsets.UTF_8);
            if (kvNode == null || "DOWN".equals(kvNode.path("status").asString())
                    || log.contains("HALTED") || log.contains("Halting")) {
                halts++;
                violations.add(node.name() + " halted or is down: " + kvNode + "; see " + node.logFile());
            }
            JsonNode timevault = component(node, "timevaultRaft");
            if (timevault == null || timevault.toString().contains("\"FAILED\"")
                    || !"UP".equals(timevault.path("status").asString())) {
                violations.add(node.name() + ": timevault log health is not UP after its restarts: " + timevault);
            }
        }
    }

    /** Every attempted key on every node: acked ones hold their value; others their value or nothing. */
    private void checkReads() throws Exception {
        List<Map.Entry<String, Ledger.Write>> writes = new ArrayList<>(ledger.writes().entrySet());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            int slice = Math.max(1, writes.size() / 16);
            for (int from = 0; from < writes.size(); from += slice) {
                List<Map.Entry<String, Ledger.Write>> part = writes.subList(from, Math.min(writes.size(), from + slice));
                done.add(pool.submit(() -> {
                    for (Map.Entry<String, Ledger.Write> write : part) {
                        for (NodeProcess node : nodes) {
                            checkRead(node, write.getKey(), write.getValue());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void checkRead(NodeProcess node, String key, Ledger.Write write) throws Exception {
        Http.Answer answer = http.get(node.url() + "/kv/" + key);
        String found = answer.status() == 200 ? answer.text("value") : null;
        if (answer.status() != 200 && answer.status() != 404) {
            violations.add(node.name() + " answered " + answer.status() + " to a read of " + key);
            lost.incrementAndGet();
        } else if (write.outcome() == Ledger.Outcome.ACKED && !write.value().equals(found)) {
            lost.incrementAndGet();
            violations.add("LOST: " + key + " was acknowledged with " + write.value() + " but " + node.name()
                    + " has " + found);
        } else if (found != null && !write.value().equals(found)) {
            unwritten.incrementAndGet();
            violations.add("UNWRITTEN: " + node.name() + " has " + key + "=" + found + "; the client wrote "
                    + write.value());
        } else if (found != null && write.outcome() == Ledger.Outcome.REJECTED) {
            unwritten.incrementAndGet();
            violations.add("REJECTED BUT APPLIED: " + key + " was refused (421/503 not-applied) yet " + node.name()
                    + " has it");
        }
    }

    /**
     * The newest snapshot all three nodes hold is byte-identical on them (the whole state at its index); the
     * records up to the committed index are identical on the three disks; each PUT in them was written.
     */
    private void checkLogs(long committed) throws IOException {
        checkSnapshots();
        List<DiskLog> logs = new ArrayList<>();
        for (NodeProcess node : nodes) {
            logs.add(DiskLog.read(node.data().resolve("timevault")));
        }
        long first = logs.stream().mapToLong(log -> log.records().isEmpty() ? Long.MAX_VALUE : log.records().firstKey())
                .max().orElse(Long.MAX_VALUE);
        if (first > committed) {
            violations.add("no log index up to the committed " + committed + " is on all three disks");
            return;
        }
        compared = first + ".." + committed + (snapshot.isEmpty() ? "" : ", " + snapshot);
        for (long index = first; index <= committed; index++) {
            String reference = logs.get(0).records().get(index);
            boolean same = reference != null;
            for (DiskLog log : logs) {
                same &= reference != null && reference.equals(log.records().get(index));
            }
            if (!same) {
                divergences++;
                if (divergences <= 10) {
                    long at = index;
                    violations.add("DIVERGENCE at index " + index + ": " + logs.stream()
                            .map(log -> String.valueOf(log.records().get(at))).toList());
                }
            }
        }
        for (int n = 0; n < logs.size(); n++) {
            for (String record : logs.get(n).records().headMap(committed, true).values()) {
                checkRecord(nodes.get(n), record);
            }
        }
    }

    private void checkSnapshots() throws IOException {
        java.util.Set<String> common = null;
        for (NodeProcess node : nodes) {
            java.nio.file.Path dir = node.data().resolve("snapshots");
            java.util.Set<String> names = new java.util.HashSet<>();
            if (Files.isDirectory(dir)) {
                try (Stream<java.nio.file.Path> snapshots = Files.list(dir)) {
                    snapshots.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("snapshot_"))
                            .forEach(names::add);
                }
            }
            if (common == null) {
                common = names;
            } else {
                common.retainAll(names);
            }
        }
        String newest = common.stream().max(java.util.Comparator.comparingLong(
                n -> Long.parseLong(n.substring("snapshot_".length())))).orElse(null);
        if (newest == null) {
            return;
        }
        byte[] reference = null;
        for (NodeProcess node : nodes) {
            byte[] state = Files.readAllBytes(node.data().resolve("snapshots").resolve(newest).resolve("kv.json"));
            if (reference == null) {
                reference = state;
            } else if (!java.util.Arrays.equals(reference, state)) {
                divergences++;
                violations.add("DIVERGENCE: " + newest + "/kv.json differs between " + nodes.get(0).name() + " and "
                        + node.name());
            }
        }
        snapshot = "state at " + newest + " compared";
    }

    private void checkRecord(NodeProcess node, String record) {
        JsonNode command;
        try {
            command = DiskLog.command(record);
        } catch (RuntimeException e) {
            unwritten.incrementAndGet();
            violations.add("BAD RECORD on " + node.name() + "'s disk: " + e.getMessage());
            return;
        }
        if (command == null || !"PUT".equals(command.path("op").asString())) {
            return;
        }
        Ledger.Write write = ledger.writes().get(command.path("key").asString());
        if (write == null || !write.value().equals(command.path("value").asString())) {
            unwritten.incrementAndGet();
            violations.add("UNWRITTEN on " + node.name() + "'s disk: " + command);
        }
    }

    private void countErrorLines() throws IOException {
        for (NodeProcess node : nodes) {
            try (Stream<String> lines = Files.lines(node.logFile(), StandardCharsets.UTF_8)) {
                errorLines += lines.filter(line -> line.contains(" ERROR ")).count();
            }
        }
    }

    /** A health component of a node, or {@code null} if the node does not answer. */
    private JsonNode component(NodeProcess node, String name) {
        try {
            JsonNode health = http.get(node.url() + "/actuator/health").body();
            return health == null ? null : health.path("components").get(name);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    long lost() {
        return lost.get();
    }

    long unwritten() {
        return unwritten.get();
    }

    long divergences() {
        return divergences;
    }

    String compared() {
        return compared;
    }

    long halts() {
        return halts;
    }

    long errorLines() {
        return errorLines;
    }
}
