package io.timevault.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 at random moments: a child JVM ({@link CrashChild}) appends, votes and purges through the adapter and
 * prints what was acknowledged; the parent kills it with SIGKILL ({@code destroyForcibly}) after a random delay,
 * reopens the log and checks that every acknowledged entry, vote and purge survived, that there is no hole, and
 * that {@code getLogState} agrees with the entries. One directory is reused across all kills, so each child also
 * recovers from the previous kill. The number of kills is {@code -Dtimevault.crash.iterations} (default 50; the
 * {@code torture} profile runs 500).
 */
class CrashRecoveryTest {

    @TempDir
    Path root;

    private long ackedIndex = -1;
    private long ackedPurge = -1;
    private Vote ackedVote;

    @Test
    void acknowledgedWritesSurviveSigkillAtRandomMoments() throws Exception {
        int iterations = Integer.getInteger("timevault.crash.iterations", 50);
        long seed = System.nanoTime();
        System.out.println("CrashRecoveryTest: " + iterations + " kills, seed " + seed);
        Random random = new Random(seed);
        Map<RecoveryOutcome.Kind, Integer> recoveries = new EnumMap<>(RecoveryOutcome.Kind.class);
        int killsAfterReady = 0;
        for (int i = 0; i < iterations; i++) {
            Path stderr = root.resolve("child-" + i + ".err");
            boolean early = random.nextInt(10) == 0; // now and then kill during start-up or recovery
            List<String> lines = runAndKill(i + 1, random.nextLong(), stderr, early, random);
            if (lines.stream().anyMatch(l -> l.startsWith("READY"))) {
                killsAfterReady++;
            }
            lines.forEach(this::record);
            RecoveryOutcome.Kind kind = verifyAfterReopen("kill " + i + " (seed " + seed + ", stderr " + stderr + ")");
            recoveries.merge(kind, 1, Integer::sum);
            Files.deleteIfExists(stderr);
        }
        System.out.println("CrashRecoveryTest: last acknowledged index " + ackedIndex + ", purge " + ackedPurge
                + ", vote " + ackedVote + "; kills after READY " + killsAfterReady + "; recoveries " + recoveries);
        assertThat(ackedIndex).as("the children acknowledged appends").isPositive();
    }

    private List<String> runAndKill(long term, long childSeed, Path stderr, boolean early, Random random)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                root.toString(), Long.toString(term), Long.toString(childSeed))
                .redirectError(stderr.toFile())
                .start();
        List<String> lines = new ArrayList<>();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    if (line.startsWith("READY")) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                // the pipe breaks when the child dies
            }
            ready.complete(null);
        });
        reader.start();
        if (early) {
            Thread.sleep(random.nextInt(400));
        } else {
            try {
                ready.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("child did not start: " + Files.readString(stderr), e);
            }
            Thread.sleep(20 + random.nextInt(181));
        }
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child died").isTrue();
        reader.join(30_000);
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    private void record(String line) {
        String[] parts = line.split(" ");
        switch (parts[0]) {
            case "ACK" -> ackedIndex = Math.max(ackedIndex, Long.parseLong(parts[1]));
            case "PURGED" -> ackedPurge = Math.max(ackedPurge, Long.parseLong(parts[1]));
            case "VOTE" -> {
                Vote vote = Vote.of(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
                if (ackedVote == null || vote.compareTo(ackedVote) > 0) {
                    ackedVote = vote;
                }
            }
            default -> { }
        }
    }

    private RecoveryOutcome.Kind verifyAfterReopen(String where) {
        try (TestLog log = TestLog.open(root, CrashChild.CONFIG, LogStorageOptions.DEFAULTS)) {
            TimevaultLogStorage<String> storage = log.storage;
            LogState state = storage.getLogState();
            long purged = state.lastPurgedLogId() == null ? -1 : state.lastPurgedLogId().index();
            long last = state.lastLogId() == null ? -1 : state.lastLogId().index();
            assertThat(last).as("last log index covers every acknowledged append, " + where).isGreaterThanOrEqualTo(ackedIndex);
            assertThat(purged).as("purge point covers every acknowledged purge, " + where).isGreaterThanOrEqualTo(ackedPurge);
            if (ackedVote != null) {
                assertThat(storage.readVote()).as("vote, " + where).hasValueSatisfying(
                        v -> assertThat(v).isGreaterThanOrEqualTo(ackedVote));
            }
            List<Entry<String>> entries = storage.tryGetLogEntries(purged + 1, RaftLogReader.UNBOUNDED);
            assertThat(entries).as("entries after the purge point, " + where).hasSize((int) (last - purged));
            for (int i = 0; i < entries.size(); i++) {
                Entry<String> entry = entries.get(i);
                assertThat(entry.index()).as("no hole, " + where).isEqualTo(purged + 1 + i);
                assertThat(entry.payload()).as("content, " + where).isEqualTo(EntryPayload.normal(CrashChild.data(entry.index())));
                if (i > 0) {
                    assertThat(entry.logId()).as("ids ascend, " + where).isGreaterThan(entries.get(i - 1).logId());
                }
            }
            if (!entries.isEmpty()) {
                assertThat(entries.get(entries.size() - 1).logId()).as("last log id, " + where).isEqualTo(state.lastLogId());
            } else {
                assertThat(state.lastLogId()).as("empty log reports the purged id, " + where).isEqualTo(state.lastPurgedLogId());
            }
            return storage.recovery().kind();
        }
    }
}
