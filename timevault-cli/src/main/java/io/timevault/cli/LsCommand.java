package io.timevault.cli;

import io.timevault.raft.LogId;
import io.timevault.raft.RaftLogFiles;
import io.timevault.raft.Vote;
import io.timevault.store.ChunkInfo;
import io.timevault.store.Partition;
import io.timevault.store.StoredRecord;
import io.timevault.store.TimevaultException;
import io.timevault.store.TimevaultStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code timevault ls <root>}: one block per partition — chunks, bytes, keys, purge point, and Raft state. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = "List the partitions of a store: chunks, bytes, key range, purge point; for Raft logs also the"
                + " last log id, the last purged log id and the vote. Read-only.")
final class LsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ROOT", description = "The store root (timevault.raft.root).")
    Path root;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int status = TimevaultCli.OK;
        try (TimevaultStore store = StoreRoot.openReadOnly(root)) {
            List<UUID> ids = StoreRoot.partitions(store, null);
            out.println(ids.size() + (ids.size() == 1 ? " partition" : " partitions") + " in " + root);
            for (UUID id : ids) {
                try (Partition p = store.openPartition(id)) {
                    describe(out, p);
                } catch (TimevaultException e) {
                    out.println(id + "  cannot be opened: " + e.getMessage());
                    status = TimevaultCli.FINDINGS;
                }
            }
        }
        return status;
    }

    private static void describe(PrintWriter out, Partition p) {
        List<ChunkInfo> chunks = p.chunks();
        long bytes = chunks.stream().mapToLong(ChunkInfo::bytes).sum();
        String keys = chunks.isEmpty() || p.lastRecord().isEmpty() ? "empty"
                : Long.toUnsignedString(chunks.get(0).minKey()) + ".." + Long.toUnsignedString(p.lastRecord().get().key());
        out.printf("%s  %s%n", p.id(), p.directory());
        out.printf("  chunks %d, %s, keys %s, last_purge_id %s, format %s%n", chunks.size(), Bytes.human(bytes), keys,
                p.lastPurgeId().isPresent() ? Long.toUnsignedString(p.lastPurgeId().getAsLong()) : "none",
                p.config().formatPlugin());
        if (!p.recoveryReport().clean()) {
            out.printf("  open would repair: %s%n", p.recoveryReport().repairs());
        }
        Path dir = p.directory();
        boolean raft = Files.exists(dir.resolve(RaftLogFiles.VOTE_FILE)) || Files.exists(dir.resolve(RaftLogFiles.PURGE_FILE))
                || p.lastRecord().map(LsCommand::isRaftRecord).orElse(false);
        if (raft) {
            String last = p.lastRecord().map(r -> RaftRecords.logId(r.bytes())).orElse("none");
            Optional<LogId> purged = RaftLogFiles.readLastPurged(dir);
            Optional<Vote> vote = RaftLogFiles.readVote(dir);
            out.printf("  raft: last log id %s, last purged %s, vote %s%n", last,
                    purged.map(Object::toString).orElse("none"), vote.map(Object::toString).orElse("none"));
        }
    }

    private static boolean isRaftRecord(StoredRecord r) {
        return RaftRecords.isRaft(r.bytes());
    }
}
