package io.timevault.raft.autoconfigure;

import io.timevault.raft.Entry;
import io.timevault.raft.JacksonFormatPlugin;
import io.timevault.raft.LogId;
import io.timevault.raft.TimevaultLogStorage;
import io.timevault.store.Partition;
import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/** Builds real log partitions on disk, in the states recovery reports, before a context opens them. */
public final class LogFixtures {

    private LogFixtures() {
    }

    /** The partition directory of log {@code name} (derived partition id) under {@code root}. */
    public static Path partitionDirectory(Path root, String name) {
        try (TimevaultStore store = TimevaultStore.open(root, StoreOptions.DEFAULTS)) {
            return store.partitionDirectory(TimevaultRaftProperties.Log.derivedPartitionId(name));
        }
    }

    /** Writes {@code count} durable entries (indexes 1..count, term 1, node 0) to log {@code name}. */
    public static void writeEntries(Path root, String name, int count) {
        UUID id = TimevaultRaftProperties.Log.derivedPartitionId(name);
        try (TimevaultStore store = TimevaultStore.open(root, StoreOptions.DEFAULTS)) {
            Partition partition = store.openOrCreatePartition(id, definition(name).partitionConfig());
            try (TimevaultLogStorage<OrderCommand> storage = TimevaultLogStorage.open(partition,
                    JacksonFormatPlugin.forType(OrderCommand.class))) {
                List<Entry<OrderCommand>> entries = new ArrayList<>();
                long next = storage.getLogState().last().map(last -> last.index() + 1).orElse(1L);
                for (int i = 0; i < count; i++) {
                    entries.add(Entry.normal(LogId.of(1, 0, next + i), new OrderCommand("o-" + (next + i), i)));
                }
                storage.blockingAppend(entries);
            }
        }
    }

    /** Appends half a record to the last chunk of log {@code name}: what a crash mid-append leaves. */
    public static void tearTail(Path root, String name) {
        Path chunk = lastChunk(partitionDirectory(root, name));
        append(chunk, "{\"timestamp\":99,\"log_id\":{\"leader_id\":{\"te");
    }

    /**
     * Leaves {@code raft_purge.json} ahead of the partition's purge point: what a crash between its two steps
     * leaves.
     */
    public static void purgeFileAhead(Path root, String name, long purgedIndex) {
        write(partitionDirectory(root, name).resolve("raft_purge.json"),
                "{\"last_deleted\":{\"leader_id\":{\"term\":1,\"node_id\":0},\"index\":" + purgedIndex + "}}");
    }

    /** Replaces {@code raft_vote.json} with bytes that do not parse. */
    public static void corruptVote(Path root, String name) {
        write(partitionDirectory(root, name).resolve("raft_vote.json"), "{\"leader_id\":");
    }

    private static TimevaultLogDefinition definition(String name) {
        TimevaultRaftProperties.Log log = new TimevaultRaftProperties.Log(null, OrderCommand.class.getName(), 0,
                null, null, null, null, true);
        return new TimevaultLogDefinition(name, log.partitionIdFor(name), OrderCommand.class, log);
    }

    private static Path lastChunk(Path partitionDirectory) {
        try (Stream<Path> files = Files.walk(partitionDirectory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".chunk")).sorted()
                    .reduce((a, b) -> b).orElseThrow(() -> new IllegalStateException("no chunk in " + partitionDirectory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
