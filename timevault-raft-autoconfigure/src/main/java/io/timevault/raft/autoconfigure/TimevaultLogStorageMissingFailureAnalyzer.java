package io.timevault.raft.autoconfigure;

import io.timevault.raft.RaftLogReader;
import io.timevault.raft.RaftLogStorage;
import io.timevault.raft.RaftRecordCodec;
import io.timevault.raft.TimevaultLogStorage;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.analyzer.AbstractInjectionFailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Reports a missing (or ambiguous) {@code RaftLogStorage<X>} — or {@code TimevaultLogStorage<X>},
 * {@code RaftLogReader<X>}, {@code RaftRecordCodec<X>} — with the logs that are configured and their entry types,
 * so that a typo in an entry type or a missing {@code timevault.raft.logs} entry is found at a glance. Ordered
 * before Spring Boot's generic analyzer of the same exception.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class TimevaultLogStorageMissingFailureAnalyzer extends AbstractInjectionFailureAnalyzer<NoSuchBeanDefinitionException> {

    private static final Set<Class<?>> LOG_TYPES = Set.of(RaftLogStorage.class, TimevaultLogStorage.class,
            RaftLogReader.class, RaftRecordCodec.class);

    private final Environment environment;

    TimevaultLogStorageMissingFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause, String description) {
        ResolvableType type = cause.getResolvableType();
        if (type == null || !LOG_TYPES.contains(type.toClass())) {
            return null;
        }
        String entryType = type.hasGenerics() ? type.getGeneric(0).toString() : "?";
        Map<String, String> logs = configuredLogs();
        StringBuilder text = new StringBuilder();
        text.append((cause instanceof NoUniqueBeanDefinitionException) ? "Several Raft logs match " : "No Raft log matches ")
                .append(type).append(description != null ? " required by " + description : "").append(".%n%n"
                        .formatted());
        if (logs.isEmpty()) {
            text.append("No log is configured under '").append(TimevaultRaftProperties.PREFIX).append(".logs'.");
        } else {
            text.append("Configured logs (").append(TimevaultRaftProperties.PREFIX).append(".logs):");
            logs.forEach((name, entry) -> text.append("%n    %s: entry-type %s, bean '%s', qualifier \"%s\""
                    .formatted(name, entry, TimevaultLogRegistrar.storageBeanName(name), name)));
        }
        String action;
        if (cause instanceof NoUniqueBeanDefinitionException) {
            action = "Several logs carry " + entryType + ": add @Qualifier(\"<log name>\") to the injection point.";
        } else if (logs.containsValue(entryType)) {
            action = "A log with entry type " + entryType + " is configured but has no bean: it failed to open with '"
                    + TimevaultRaftProperties.PREFIX + ".fail-on-recovery-error=false' (see the ERROR logged at "
                    + "startup and its health), or '" + TimevaultRaftProperties.PREFIX + ".enabled' is false. Inject "
                    + "ObjectProvider<" + type + "> where the application must start without it.";
        } else {
            action = "Configure a log for it, e.g. '" + TimevaultRaftProperties.logProperty("<name>", "entry-type")
                    + "=" + entryType + "', or fix the entry type of the log you meant (the fully qualified class "
                    + "name, nested classes as Outer$Inner).";
        }
        return new FailureAnalysis(text.toString(), action, cause);
    }

    private Map<String, String> configuredLogs() {
        Map<String, String> logs = new TreeMap<>();
        try {
            Binder.get(environment).bind(TimevaultRaftProperties.PREFIX + ".logs",
                    org.springframework.boot.context.properties.bind.Bindable.mapOf(String.class,
                            TimevaultRaftProperties.Log.class))
                    .ifBound(bound -> bound.forEach((name, log) -> logs.put(name,
                            log.isJRaftGroup() ? "none (a SOFAJRaft group's log)" : log.entryType())));
        } catch (RuntimeException ex) {
            // Binding fails on a broken log entry; that entry has its own report.
        }
        return logs;
    }
}
