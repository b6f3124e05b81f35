package io.timevault.raft;

import io.timevault.store.Partition;
import io.timevault.store.RecoveryReport;
import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultException;
import io.timevault.store.TimevaultStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Reads the state of a Raft log that no {@link TimevaultLogStorage} of this process holds open (a jraft group whose
 * node has not started or has stopped), for health: what opening it would find, its last log id, last purged id
 * and vote. It runs the adapter's own recovery and side-file code on a <em>read-only</em> store, so it writes
 * nothing (a torn tail is hidden in memory, a lagging purge is reported as pending) and takes no lock.
 *
 * <p>Cost per call: one existence check of the partition's {@code metadata.json} (no directory walk), then, if it
 * exists, a read-only open of that one partition (manifest, last chunk's tail and index) and the two side files.
 *
 * <p>Stateless and thread-safe.
 */
public final class LogInspector {

    /** Decodes any record's log id; the payload is kept as a tree, so any entry type reads. */
    private static final JacksonFormatPlugin<JsonNode> ANY = JacksonFormatPlugin.forType(JsonNode.class);

    private LogInspector() {
    }

    /**
     * The status of the log in partition {@code partitionId} of the store at {@code root}. The writer state is
     * {@code null}: no writer of this process holds the log.
     *
     * <p>Recovery is {@code CLEAN} with the detail "partition does not exist" when there is no partition yet;
     * {@code FAILED} with the findings when opening would fail.
     */
    public static LogStorageStatus inspect(Path root, UUID partitionId) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(partitionId, "partitionId");
        Path absoluteRoot = root.toAbsolutePath().normalize();
        TimevaultStore store = TimevaultStore.open(absoluteRoot, StoreOptions.READ_ONLY);
        Path directory = store.partitionDirectory(partitionId);
        if (!store.hasPartition(partitionId)) {
            return status(partitionId, directory, outcome(RecoveryOutcome.Kind.CLEAN,
                    "partition does not exist: " + directory), null);
        }
        try (store) {
            Partition partition = store.openPartition(partitionId);
            LogRecovery.Recovered recovered = LogRecovery.recover(partition, new RecordDecoder<>(partition, ANY));
            return status(partitionId, directory, recovered.outcome(), recovered.state());
        } catch (LogRecoveryException e) {
            return status(partitionId, directory, e.outcome(), null);
        } catch (TimevaultException e) {
            return status(partitionId, directory, outcome(RecoveryOutcome.Kind.FAILED, "store: " + e.getMessage()),
                    null);
        }
    }

    private static RecoveryOutcome outcome(RecoveryOutcome.Kind kind, String detail) {
        return new RecoveryOutcome(kind, List.of(detail), RecoveryReport.CLEAN);
    }

    private static LogStorageStatus status(UUID partitionId, Path directory, RecoveryOutcome outcome,
            DurableState state) {
        return (state == null)
                ? new LogStorageStatus(partitionId, directory, outcome, null, null, null, null, null)
                : new LogStorageStatus(partitionId, directory, outcome, state.lastLogId(), state.lastPurged(),
                        state.vote(), null, null);
    }
}
