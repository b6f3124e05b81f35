package io.timevault.raft.jraft;

/** Lets the cluster tests (another package) arm the bridge's fault points. */
public final class FaultPointsAccess {

    private FaultPointsAccess() {
    }

    /** Makes every {@code reset} fail right after it truncated the log, as a crash there would stop it. */
    public static void crashResetAfterTruncate() {
        FaultPoints.arm(FaultPoints.RESET_AFTER_TRUNCATE, () -> {
            throw new IllegalStateException("fault point " + FaultPoints.RESET_AFTER_TRUNCATE);
        });
    }

    public static void disarmAll() {
        FaultPoints.disarm(FaultPoints.RESET_AFTER_TRUNCATE);
    }
}
