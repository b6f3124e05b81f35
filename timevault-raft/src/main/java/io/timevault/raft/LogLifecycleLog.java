package io.timevault.raft;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one INFO line written when a named Raft log opens and the one written when it closes, the same for every
 * component that opens logs (the Spring starter, the jraft bridge), under the logger of {@link TimevaultLogStorage}:
 *
 * <pre>
 * Raft log 'kv' opened in 14 ms: /srv/app/data/timevault/partitions/b1/4f/…, recovery CLEAN, last log id T2-N0-117, last purged none
 * Raft log 'kv' closed: /srv/app/data/timevault/partitions/b1/4f/…, last log id T2-N0-130, last purged none, writer CLOSED
 * </pre>
 * Paths are absolute; log ids are in OpenRaft's display form.
 */
public final class LogLifecycleLog {

    private static final Logger log = LoggerFactory.getLogger(TimevaultLogStorage.class);

    private LogLifecycleLog() {
    }

    /** Logs that log {@code name} was opened, {@code took} after its opening started. */
    public static void opened(String name, TimevaultLogStorage<?> storage, Duration took) {
        if (log.isInfoEnabled()) {
            LogStorageStatus status = storage.status();
            log.info("Raft log '{}' opened in {} ms: {} (partition {}), recovery {}, last log id {}, last purged {}",
                    name, took.toMillis(), status.directory().toAbsolutePath(), status.partitionId(),
                    status.recovery().kind(), display(status.lastLogId()), display(status.lastPurgedLogId()));
        }
    }

    /** Logs that log {@code name} was closed. */
    public static void closed(String name, TimevaultLogStorage<?> storage) {
        if (log.isInfoEnabled()) {
            LogStorageStatus status = storage.status();
            log.info("Raft log '{}' closed: {}, last log id {}, last purged {}, writer {}", name,
                    status.directory().toAbsolutePath(), display(status.lastLogId()),
                    display(status.lastPurgedLogId()), status.writerState());
        }
    }

    private static String display(LogId id) {
        return (id != null) ? id.toString() : "none";
    }
}
