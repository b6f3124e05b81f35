package io.timevault.raft.autoconfigure;

import io.timevault.store.StoreLockedException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link InvalidTimevaultRaftPropertyException} (an entry type that is not a class, two logs on one
 * partition, a store root that cannot be written) by the property's name and the reason.
 */
class TimevaultRaftFailureAnalyzer extends AbstractFailureAnalyzer<InvalidTimevaultRaftPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidTimevaultRaftPropertyException cause) {
        String description = "Invalid timevault Raft configuration:%n%n    Property: %s%n    Value: %s%n    Reason: %s"
                .formatted(cause.property(), cause.value(), cause.reason());
        return new FailureAnalysis(description, cause.action(), cause);
    }

    /**
     * Reports a {@link StoreLockedException}: another process (or another application context) has the store
     * open for writing.
     */
    static class StoreLocked extends AbstractFailureAnalyzer<StoreLockedException> {

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, StoreLockedException cause) {
            String description = ("The timevault store is locked by another process:%n%n    Property: %s.root%n"
                    + "    Lock file: %s%n    Reason: %s").formatted(TimevaultRaftProperties.PREFIX, cause.lockFile(),
                    cause.getMessage());
            String action = "Stop the process that has the store open (another instance of this application, or a "
                    + "timevault-rs writer), or set '" + TimevaultRaftProperties.PREFIX
                    + ".root' to a directory of its own.";
            return new FailureAnalysis(description, action, cause);
        }
    }
}
