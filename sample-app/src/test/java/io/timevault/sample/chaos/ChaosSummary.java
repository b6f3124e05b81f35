package io.timevault.sample.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a chaos run did and found; {@link #violations()} empty means it passed.
 *
 * @param kills            kill -9s done
 * @param leaderKills      of which hit the node that was leader
 * @param acked            writes answered 200
 * @param unknown          writes whose outcome the clients could not know (timeouts, 503 outcome unknown)
 * @param rejected         writes refused before reaching the log (421, refused connections, 503 not-applied)
 * @param unavailable      503 answers to writes
 * @param misdirected      421 answers to writes
 * @param unexpected       other answers to writes, by status (500s)
 * @param lost             acknowledged writes missing or wrong on some node
 * @param unwritten        values found that no client wrote (or wrote under another key)
 * @param divergences      log indexes in the compared range whose records differ between nodes
 * @param compared         the log index range compared on the three disks, as "first..last"
 * @param halts            nodes whose state machine halted
 * @param restarts         start to first readiness 200 of each restarted node
 * @param firstAnswers     start to first HTTP answer of each restarted node
 * @param errorLines       ERROR lines in the nodes' logs (informational)
 * @param elapsed          the whole run
 * @param violations       what failed the run
 */
record ChaosSummary(int kills, int leaderKills, long acked, long unknown, long rejected, long unavailable,
        long misdirected, Map<Integer, Long> unexpected, long lost, long unwritten, long divergences, String compared,
        long halts, List<Duration> restarts, List<Duration> firstAnswers, long errorLines, Duration elapsed,
        List<String> violations) {

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("=== chaos summary ===\n");
        out.append(String.format("kills            %d (%d of the leader, %d of a follower)%n", kills, leaderKills,
                kills - leaderKills));
        out.append(String.format("writes           acked %d, unknown %d, rejected %d%n", acked, unknown, rejected));
        out.append(String.format("answers          503: %d, 421: %d, other: %s%n", unavailable, misdirected,
                unexpected.isEmpty() ? "none" : unexpected));
        out.append(String.format("lost             %d%n", lost));
        out.append(String.format("unwritten values %d%n", unwritten));
        out.append(String.format("divergences      %d (indexes %s compared on three disks)%n", divergences, compared));
        out.append(String.format("halted nodes     %d%n", halts));
        out.append(String.format("restart to 200   %s%n", stats(restarts)));
        out.append(String.format("restart to HTTP  %s%n", stats(firstAnswers)));
        out.append(String.format("ERROR log lines  %d (informational)%n", errorLines));
        out.append(String.format("elapsed          %d s%n", elapsed.toSeconds()));
        out.append(violations.isEmpty() ? "result           PASS\n" : "result           FAIL\n");
        violations.stream().limit(30).forEach(v -> out.append("  - ").append(v).append('\n'));
        if (violations.size() > 30) {
            out.append("  ... and ").append(violations.size() - 30).append(" more\n");
        }
        return out.toString();
    }

    /** "n=…, min/median/p90/max …s", or "none". */
    static String stats(List<Duration> times) {
        if (times.isEmpty()) {
            return "none";
        }
        List<Duration> sorted = new ArrayList<>(times);
        sorted.sort(null);
        return String.format("n=%d min %.1f s, median %.1f s, p90 %.1f s, max %.1f s", sorted.size(),
                seconds(sorted.get(0)), seconds(sorted.get(sorted.size() / 2)),
                seconds(sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.9) - 1))),
                seconds(sorted.get(sorted.size() - 1)));
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
