package io.timevault.sample.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * One chaos run: starts three nodes, lets the writers run, kills a node with {@code kill -9} (the leader every second
 * time), restarts it from its directory and waits until it is ready, again and again; then stops the writers, lets
 * the cluster converge, and hands over to {@link ChaosChecks}.
 */
final class ChaosRun {

    private final ChaosSettings settings;

    private final Http http = new Http(Duration.ofSeconds(15));

    private final List<NodeProcess> nodes = new ArrayList<>();

    private final List<String> violations = new ArrayList<>();

    private final List<Duration> restarts = new ArrayList<>();

    private final List<Duration> firstAnswers = new ArrayList<>();

    ChaosRun(ChaosSettings settings) {
        this.settings = settings;
        List<String> members = IntStream.range(0, 3).mapToObj(i -> "127.0.0.1:" + settings.raftPort(i)).toList();
        List<String> urls = IntStream.range(0, 3).mapToObj(i -> "http://127.0.0.1:" + settings.httpPort(i)).toList();
        for (int i = 0; i < 3; i++) {
            nodes.add(new NodeProcess(settings, i, members, urls));
        }
    }

    ChaosSummary run() throws Exception {
        long started = System.nanoTime();
        emptyDirectory(settings.dir());
        Thread reaper = new Thread(this::destroyAll, "chaos-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        Ledger ledger = new Ledger();
        int kills = 0;
        int leaderKills = 0;
        try {
            nodes.forEach(NodeProcess::start);
            for (NodeProcess node : nodes) {
                if (node.awaitReady(settings.restartTimeout(), http) == null) {
                    throw new IllegalStateException(node.name() + " did not start; see " + node.logFile());
                }
            }
            awaitLeader(Duration.ofSeconds(60));
            Writers writers = new Writers(nodes.stream().map(NodeProcess::url).toList(), ledger, http);
            writers.start(settings.clients());
            for (int k = 1; k <= settings.kills(); k++) {
                Thread.sleep(settings.interval().toMillis());
                Optional<NodeProcess> leader = leader();
                boolean hitLeader = k % 2 == 1 && leader.isPresent();
                NodeProcess victim = hitLeader ? leader.get() : pickFollower(leader);
                victim.kill9();
                kills++;
                leaderKills += hitLeader ? 1 : 0;
                Thread.sleep(ThreadLocalRandom.current().nextLong(300, 2000));
                victim.start();
                NodeProcess.Startup startup = victim.awaitReady(settings.restartTimeout(), http);
                if (startup == null) {
                    violations.add("kill " + k + ": " + victim.name() + " was not ready within "
                            + settings.restartTimeout().toSeconds() + " s of its restart; see " + victim.logFile());
                    break;
                }
                restarts.add(startup.ready());
                firstAnswers.add(startup.firstAnswer());
                System.out.printf("chaos: kill %d/%d %s (%s), ready again after %.1f s; acked so far %d%n", k,
                        settings.kills(), victim.name(), hitLeader ? "leader" : "follower",
                        startup.ready().toMillis() / 1000.0, ledger.count(Ledger.Outcome.ACKED));
            }
            Thread.sleep(settings.interval().toMillis());
            writers.stopAndJoin();
            ChaosChecks checks = new ChaosChecks(nodes, http, ledger, violations);
            checks.run();
            return new ChaosSummary(kills, leaderKills, ledger.count(Ledger.Outcome.ACKED),
                    ledger.count(Ledger.Outcome.UNKNOWN), ledger.count(Ledger.Outcome.REJECTED),
                    ledger.unavailableAnswers(), ledger.misdirectedAnswers(), ledger.unexpectedAnswers().entrySet()
                            .stream().collect(java.util.stream.Collectors.toMap(e -> e.getKey(), e -> e.getValue().get())),
                    checks.lost(), checks.unwritten(), checks.divergences(), checks.compared(), checks.halts(),
                    restarts, firstAnswers, checks.errorLines(), Duration.ofNanos(System.nanoTime() - started),
                    violations);
        } finally {
            destroyAll();
            Runtime.getRuntime().removeShutdownHook(reaper);
        }
    }

    /** The node every live node names as leader, once they agree. */
    private Optional<NodeProcess> leader() throws InterruptedException {
        for (NodeProcess node : nodes) {
            try {
                Http.Answer cluster = http.get(node.url() + "/cluster");
                if ("LEADER".equals(cluster.text("role"))) {
                    return Optional.of(node);
                }
            } catch (IOException down) {
                // ask the next one
            }
        }
        return Optional.empty();
    }

    private void awaitLeader(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (leader().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no leader within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    private NodeProcess pickFollower(Optional<NodeProcess> leader) {
        List<NodeProcess> followers = nodes.stream().filter(n -> leader.map(l -> l != n).orElse(true)).toList();
        return followers.get(ThreadLocalRandom.current().nextInt(followers.size()));
    }

    private void destroyAll() {
        for (NodeProcess node : nodes) {
            if (node.alive()) {
                try {
                    node.kill9();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static void emptyDirectory(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(dir);
    }
}
