package io.timevault.raft.jraft;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The one place where a storage failure becomes what jraft understands: a {@code false}, a short count, a
 * {@code null} entry. jraft then fails the node (a short append or a missing entry is {@code EIO} in its log
 * manager; the meta storage also reports the error to the node, as jraft's own does), so nothing is retried here.
 *
 * <p>The cause is logged once, at ERROR, with the operation and the storage's name; callers neither log nor
 * rethrow. The adapter is sticky after a write failure, so every later write fails fast with the original cause
 * until the node is restarted on a reopened log.
 *
 * <p>Immutable; thread-safe if {@code onFailure} is.
 */
final class FailStop {

    private final Logger log;
    private final String name;
    private final Consumer<RuntimeException> onFailure;

    /**
     * @param log       where the cause is logged
     * @param name      what failed, e.g. {@code "jraft log of group counter (partition 1b2c...)"}
     * @param onFailure told after the cause was logged (e.g. to report the error to the node); must not throw
     */
    FailStop(Logger log, String name, Consumer<RuntimeException> onFailure) {
        this.log = log;
        this.name = name;
        this.onFailure = onFailure;
    }

    /** A fail-stop for {@code name} that only logs. */
    FailStop(Logger log, String name) {
        this(log, name, e -> { });
    }

    /** The same, for a storage that learned its name (e.g. its group) later. */
    FailStop named(String newName) {
        return new FailStop(log, newName, onFailure);
    }

    /**
     * Runs {@code action}; if it throws, logs the cause once and returns {@code failed} instead.
     *
     * @param operation what is being done, for the log line, e.g. {@code "appendEntries [5, 9]"}
     */
    <T> T call(String operation, Supplier<T> action, T failed) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            log.error("{}: {} failed; the node must stop (fail-stop, no retry)", name, operation, e);
            try {
                onFailure.accept(e);
            } catch (RuntimeException reportFailed) {
                log.warn("{}: reporting the failure of {} failed too", name, operation, reportFailed);
            }
            return failed;
        }
    }

    /** {@link #call} for an action with no result: {@code true} if it completed, {@code false} if it threw. */
    boolean run(String operation, Runnable action) {
        return call(operation, () -> {
            action.run();
            return true;
        }, false);
    }

    String name() {
        return name;
    }
}
