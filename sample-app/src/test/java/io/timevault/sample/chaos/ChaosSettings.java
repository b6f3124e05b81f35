package io.timevault.sample.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one chaos run does, from system properties ({@code -Dchaos.kills=50} etc.; scripts/chaos.sh passes them).
 *
 * @param jar            the sample's executable jar ({@code chaos.jar})
 * @param dir            where the nodes' data and logs go; emptied first ({@code chaos.dir})
 * @param basePort       HTTP ports are base..base+2, Raft ports base+10..base+12 ({@code chaos.base-port})
 * @param kills          how many {@code kill -9} ({@code chaos.kills}); every second one hits the leader
 * @param clients        concurrent writers ({@code chaos.clients})
 * @param interval       writing time between a restarted node being ready and the next kill ({@code chaos.interval})
 * @param snapshotEvery  the nodes' snapshot interval, so snapshots, log purges and installs happen too
 * @param logMargin      entries the nodes keep before a snapshot's index when they purge their logs
 *                       ({@code chaos.log-margin}): the on-disk logs are compared where all three still hold them
 * @param restartTimeout longest a restarted node may take to be ready again
 * @param jvmArgs        the nodes' JVM options ({@code chaos.jvm-args}, space-separated); the default keeps three
 *                       JVMs small on two cores and starts them with C1 only (faster start, see docs/chaos.md)
 */
record ChaosSettings(Path jar, Path dir, int basePort, int kills, int clients, Duration interval,
        Duration snapshotEvery, int logMargin, Duration restartTimeout, List<String> jvmArgs) {

    static final String DEFAULT_JVM_ARGS = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    static ChaosSettings fromSystemProperties() {
        String jar = System.getProperty("chaos.jar");
        if (jar == null) {
            throw new IllegalStateException("-Dchaos.jar=<the sample's executable jar> is required"
                    + " (mvn -Pchaos verify and scripts/chaos.sh set it)");
        }
        return new ChaosSettings(Path.of(jar).toAbsolutePath(),
                Path.of(System.getProperty("chaos.dir", "target/chaos")).toAbsolutePath(),
                Integer.getInteger("chaos.base-port", 27000),
                Integer.getInteger("chaos.kills", 5),
                Integer.getInteger("chaos.clients", 4),
                Duration.ofMillis(Long.getLong("chaos.interval-ms", 4000)),
                Duration.ofSeconds(Long.getLong("chaos.snapshot-seconds", 60)),
                Integer.getInteger("chaos.log-margin", 50_000),
                Duration.ofSeconds(Long.getLong("chaos.restart-timeout-seconds", 180)),
                java.util.Arrays.stream(System.getProperty("chaos.jvm-args", DEFAULT_JVM_ARGS).trim().split("\\s+"))
                        .filter(arg -> !arg.isEmpty()).toList());
    }

    int httpPort(int node) {
        return basePort + node;
    }

    int raftPort(int node) {
        return basePort + 10 + node;
    }
}
