package io.timevault.raft.autoconfigure;

import io.timevault.raft.JacksonFormatPlugin;
import io.timevault.raft.LeaderId;
import io.timevault.raft.LogId;
import io.timevault.raft.LogStorageStatus;
import io.timevault.raft.RecoveryOutcome;
import io.timevault.raft.Vote;
import io.timevault.store.DurableFiles;
import io.timevault.store.Partition;
import io.timevault.store.RecoveryReport;
import io.timevault.store.StoredRecord;
import io.timevault.store.TimevaultStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the status of a Raft log that another component writes (the jraft service factory opens its groups' logs
 * itself and does not expose them): the partition's recovery report, the last record's log id, and the
 * {@code raft_vote.json} / {@code raft_purge.json} side files, whose formats are fixed by timevault-rs. The
 * writer's state is not visible from here and is reported as {@code null} (unknown).
 *
 * <p>Thread-safe; each call reads the current state. Shares the store's partition handle, never writes.
 */
final class PartitionLogObserver implements Supplier<LogStorageStatus> {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** Decodes any record's log id; the payload is kept as a tree. */
    private static final JacksonFormatPlugin<JsonNode> ANY = JacksonFormatPlugin.forType(JsonNode.class);

    private final Supplier<TimevaultStore> store;

    private final UUID partitionId;

    PartitionLogObserver(Supplier<TimevaultStore> store, UUID partitionId) {
        this.store = store;
        this.partitionId = partitionId;
    }

    @Override
    public LogStorageStatus get() {
        TimevaultStore current = store.get();
        Path directory = current.partitionDirectory(partitionId);
        if (!current.listPartitions().contains(partitionId)) {
            RecoveryOutcome none = new RecoveryOutcome(RecoveryOutcome.Kind.CLEAN,
                    List.of("partition not created yet: the group's node has not started"), RecoveryReport.CLEAN);
            return new LogStorageStatus(partitionId, directory, none, null, null, null, null, null);
        }
        Partition partition = current.openPartition(partitionId);
        RecoveryReport report = partition.recoveryReport();
        RecoveryOutcome recovery = new RecoveryOutcome(
                report.clean() ? RecoveryOutcome.Kind.CLEAN : RecoveryOutcome.Kind.TAIL_REPAIRED,
                report.repairs().stream().map(repair -> "store: " + repair).toList(), report);
        LogId purged = readJson(directory.resolve("raft_purge.json"))
                .map(json -> logId(json.get("last_deleted"))).orElse(null);
        LogId last = partition.lastRecord().map(PartitionLogObserver::logIdOf).orElse(purged);
        Vote vote = readJson(directory.resolve("raft_vote.json")).map(PartitionLogObserver::vote).orElse(null);
        return new LogStorageStatus(partitionId, directory, recovery, last, purged, vote, null, null);
    }

    private static LogId logIdOf(StoredRecord record) {
        byte[] bytes = record.bytes();
        return ANY.decode(bytes, 0, bytes.length).logId();
    }

    private static Optional<JsonNode> readJson(Path file) {
        return DurableFiles.readIfExists(file).map(MAPPER::readTree);
    }

    private static LeaderId leaderId(JsonNode json) {
        return new LeaderId(json.get("term").asLong(), json.get("node_id").asLong());
    }

    private static LogId logId(JsonNode json) {
        return new LogId(leaderId(json.get("leader_id")), json.get("index").asLong());
    }

    private static Vote vote(JsonNode json) {
        return new Vote(leaderId(json.get("leader_id")), json.get("committed").asBoolean());
    }
}
