package io.timevault.raft.jraft;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named fault points inside multi-step bridge operations, so crash tests can stop one between its steps (the model
 * is etcd's gofail markers). Every point is a no-op unless a test in this package arms it; an armed point runs its
 * action, which typically throws to abandon the operation right there, leaving the files as a crash would.
 *
 * <p>Thread-safe. Arming is global to the JVM: a test that arms a point disarms it in {@code finally}.
 */
final class FaultPoints {

    /** In {@code reset}: every entry was truncated, the purge point was not moved yet. */
    static final String RESET_AFTER_TRUNCATE = "reset.after-truncate";

    private static final Map<String, Runnable> ARMED = new ConcurrentHashMap<>();

    private FaultPoints() {
    }

    /** Passes the point {@code name}: runs its action if armed. */
    static void hit(String name) {
        Runnable action = ARMED.get(name);
        if (action != null) {
            action.run();
        }
    }

    /** For tests: makes {@code name} run {@code action} until disarmed. */
    static void arm(String name, Runnable action) {
        ARMED.put(name, action);
    }

    /** For tests: makes {@code name} a no-op again. */
    static void disarm(String name) {
        ARMED.remove(name);
    }
}
