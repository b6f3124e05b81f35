package io.timevault.raft.jraft.cluster;

import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One test node in a JVM of its own, driven by {@link SigkillTest} through stdin and stdout.
 *
 * <p>Arguments: the node directory, its peer id, the configuration. Prints {@code READY} once started. Reads
 * commands: {@code stop <count>} waits until its state machine applied {@code count} commands, prints
 * {@code STOPPED <count> <hash> <lastIndex>}, shuts down and exits 0. Exits by itself (status 3) when stdin closes
 * (the test died) or after three minutes, so no child outlives its test.
 */
public final class ChildNode {

    private ChildNode() {
    }

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(() -> {
            Await.sleep(Duration.ofMinutes(3).toMillis());
            Runtime.getRuntime().halt(3);
        }, "child-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        TestNode node = new TestNode(PeerId.parsePeer(args[1]), Path.of(args[0]));
        Configuration conf = new Configuration();
        conf.parse(args[2]);
        node.start(conf);
        System.out.println("READY");
        System.out.flush();

        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = commands.readLine()) != null) {
            if (line.startsWith("stop ")) {
                long count = Long.parseLong(line.substring(5).trim());
                Await.until("the child applied " + count, Duration.ofSeconds(30), () -> node.fsm().applied() >= count);
                CounterStateMachine.State state = node.fsm().state();
                node.stop();
                System.out.println("STOPPED " + state.count() + " " + state.hash() + " " + state.lastIndex());
                System.out.flush();
                System.exit(0);
            }
        }
        Runtime.getRuntime().halt(3);
    }
}
