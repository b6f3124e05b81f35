package io.timevault.raft.autoconfigure;

import io.timevault.store.StoreLockedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
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
     * Reports a {@link StoreLockedException}: another process, or another application context of this JVM, has the
     * store open for writing. Names the holder's pid (from the lock file) and whether it is this JVM.
     */
    static class StoreLocked extends AbstractFailureAnalyzer<StoreLockedException> {

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, StoreLockedException cause) {
            Path lockFile = cause.lockFile().toAbsolutePath();
            OptionalLong pid = holderPid(lockFile);
            long self = ProcessHandle.current().pid();
            String holder;
            String action;
            if (pid.isPresent() && pid.getAsLong() == self) {
                holder = "this JVM (pid " + self + "): another application context or TimevaultStore in this "
                        + "process has it open";
                action = "Close the other context or store first, or give each context its own store: in tests, set '"
                        + TimevaultRaftProperties.PREFIX + ".root' to a temporary directory per context (see the "
                        + "README, Testing).";
            } else {
                holder = pid.isPresent() ? "process " + pid.getAsLong() + describe(pid.getAsLong())
                        : "another process (the lock file names no pid)";
                action = "Stop the process that has the store open (another instance of this application, or a "
                        + "timevault-rs writer), or set '" + TimevaultRaftProperties.PREFIX
                        + ".root' to a directory of its own.";
            }
            String description = ("The timevault store is locked by another writer:%n%n    Property: %s.root%n"
                    + "    Lock file: %s%n    Held by: %s%n    Reason: %s").formatted(TimevaultRaftProperties.PREFIX,
                    lockFile, holder, cause.getMessage());
            return new FailureAnalysis(description, action, cause);
        }

        private static OptionalLong holderPid(Path lockFile) {
            try {
                String content = Files.readString(lockFile, StandardCharsets.US_ASCII).strip();
                return content.startsWith("pid=") ? OptionalLong.of(Long.parseLong(content.substring(4).strip()))
                        : OptionalLong.empty();
            } catch (IOException | NumberFormatException ex) {
                return OptionalLong.empty();
            }
        }

        private static String describe(long pid) {
            return ProcessHandle.of(pid).map(process -> process.info().command().map(c -> " (" + c + ")").orElse(""))
                    .orElse(" (no longer running: the lock is held by a process that inherited it, or the pid was "
                            + "written by a writer on another machine sharing the directory)");
        }
    }
}
