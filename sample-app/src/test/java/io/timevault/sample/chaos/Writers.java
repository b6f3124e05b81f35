package io.timevault.sample.chaos;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Concurrent clients writing unique keys ({@code c<client>-<n>}) with unique values, as an operator's clients would:
 * to the node they believe leads, following 421 to the leader's URL, moving to another node when one does not
 * answer, retrying the same key and value (a PUT is idempotent) a few times before giving up on it.
 */
final class Writers {

    private static final int ATTEMPTS_PER_KEY = 6;

    private final List<String> urls;

    private final Ledger ledger;

    private final Http http;

    private final AtomicReference<String> leaderHint;

    private final List<Thread> threads = new ArrayList<>();

    private volatile boolean stop;

    Writers(List<String> urls, Ledger ledger, Http http) {
        this.urls = urls;
        this.ledger = ledger;
        this.http = http;
        this.leaderHint = new AtomicReference<>(urls.get(0));
    }

    void start(int clients) {
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> run(client), "chaos-writer-" + c);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    void stopAndJoin() throws InterruptedException {
        stop = true;
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private void run(int client) {
        try {
            for (long n = 0; !stop; n++) {
                String key = "c" + client + "-" + n;
                String value = "v" + client + "-" + n + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
                ledger.attempt(key, value);
                write(key, value);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(String key, String value) throws InterruptedException {
        for (int attempt = 0; attempt < ATTEMPTS_PER_KEY; attempt++) {
            String target = leaderHint.get();
            Http.Answer answer;
            try {
                answer = http.put(target + "/kv/" + URLEncoder.encode(key, StandardCharsets.UTF_8), value);
            } catch (ConnectException | HttpConnectTimeoutException notSent) {
                nextNode(target);
                Thread.sleep(50);
                continue;
            } catch (IOException maybeSent) {
                ledger.record(key, Ledger.Outcome.UNKNOWN);
                nextNode(target);
                continue;
            }
            switch (answer.status()) {
                case 200 -> {
                    ledger.record(key, Ledger.Outcome.ACKED);
                    return;
                }
                case 421 -> {
                    ledger.misdirected();
                    String leader = answer.text("leaderUrl");
                    if (leader != null) {
                        leaderHint.compareAndSet(target, leader);
                    } else {
                        nextNode(target);
                    }
                }
                case 503 -> {
                    ledger.unavailable();
                    if (!"not-applied".equals(answer.text("outcome"))) {
                        ledger.record(key, Ledger.Outcome.UNKNOWN);
                    }
                    Thread.sleep(200);
                }
                default -> {
                    // 500s (or any other status) are what a failover must not produce; reported as a violation.
                    ledger.unexpected(answer.status());
                    ledger.record(key, Ledger.Outcome.UNKNOWN);
                    Thread.sleep(200);
                }
            }
            if (stop) {
                return;
            }
        }
    }

    private void nextNode(String failed) {
        int next = (urls.indexOf(failed) + 1) % urls.size();
        leaderHint.compareAndSet(failed, urls.get(next));
    }
}
