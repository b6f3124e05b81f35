package io.timevault.sample.chaos;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every write the clients attempted: its key (unique), its value, and what the cluster answered. A key's outcome is
 * ACKED once any attempt got 200; otherwise UNKNOWN once any attempt may have reached the log (timeout, reset, 503
 * with outcome unknown, 500); otherwise REJECTED (refused connections, 421, 503 not-applied: never in the log).
 */
final class Ledger {

    enum Outcome {
        REJECTED, UNKNOWN, ACKED
    }

    /**
     * One key.
     *
     * @param value   the only value ever written under the key
     * @param outcome the strongest outcome seen
     */
    record Write(String value, Outcome outcome) {
    }

    private final Map<String, Write> writes = new ConcurrentHashMap<>();

    private final Map<Integer, AtomicLong> unexpected = new ConcurrentHashMap<>();

    private final AtomicLong unavailable = new AtomicLong();

    private final AtomicLong misdirected = new AtomicLong();

    void attempt(String key, String value) {
        writes.putIfAbsent(key, new Write(value, Outcome.REJECTED));
    }

    void record(String key, Outcome outcome) {
        writes.computeIfPresent(key, (k, w) -> outcome.compareTo(w.outcome()) > 0 ? new Write(w.value(), outcome) : w);
    }

    void unexpected(int status) {
        unexpected.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
    }

    void unavailable() {
        unavailable.incrementAndGet();
    }

    void misdirected() {
        misdirected.incrementAndGet();
    }

    Map<String, Write> writes() {
        return writes;
    }

    long count(Outcome outcome) {
        return writes.values().stream().filter(w -> w.outcome() == outcome).count();
    }

    /** Answers other than 200, 421 and 503 to a PUT, by status (a 500 during failover is a bug). */
    Map<Integer, AtomicLong> unexpectedAnswers() {
        return unexpected;
    }

    long unavailableAnswers() {
        return unavailable.get();
    }

    long misdirectedAnswers() {
        return misdirected.get();
    }
}
