package io.timevault.bench;

import com.alipay.sofa.jraft.JRaftServiceFactory;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/** How the cluster figure gets the timevault bridge's service factory for one node's directory. */
final class TimevaultFactories {

    static final String FACTORY = "io.timevault.raft.jraft.TimevaultJRaftServiceFactory";

    private TimevaultFactories() {
    }

    static Optional<Function<Path, JRaftServiceFactory>> find() {
        try {
            Class.forName(FACTORY);
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    static String missingReason() {
        return "the jraft bridge (" + FACTORY + ") is not in this build yet";
    }
}
