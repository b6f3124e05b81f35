package io.timevault.raft.autoconfigure.health;

import io.timevault.raft.autoconfigure.TimevaultRaftLogs;
import io.timevault.raft.health.TimevaultLogHealthIndicator;
import java.util.stream.Stream;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;

/**
 * One {@link TimevaultLogHealthIndicator} per log of {@link TimevaultRaftLogs}, by log name, read at each health
 * check: a log opened after startup (a jraft group's, when its node starts) appears without a restart, with the same
 * details as every other log.
 */
final class TimevaultRaftLogsHealthContributor implements CompositeHealthContributor {

    private final TimevaultRaftLogs logs;

    TimevaultRaftLogsHealthContributor(TimevaultRaftLogs logs) {
        this.logs = logs;
    }

    @Override
    public HealthContributor getContributor(String name) {
        return logs.get(name).map(log -> indicator(name)).orElse(null);
    }

    @Override
    public Stream<HealthContributors.Entry> stream() {
        return logs.all().keySet().stream().map(name -> new HealthContributors.Entry(name, indicator(name)));
    }

    /** Reads the log's entry at each check: the same name may be open, then inspected, then open again. */
    private TimevaultLogHealthIndicator indicator(String name) {
        TimevaultRaftLogs.Log current = logs.get(name).orElseThrow();
        return new TimevaultLogHealthIndicator(name, current.nodeId(),
                () -> logs.get(name).orElse(current).status());
    }
}
