package io.timevault.cli;

import io.timevault.raft.Entry;
import io.timevault.raft.JacksonFormatPlugin;
import io.timevault.raft.LogId;
import io.timevault.raft.LeaderId;
import io.timevault.raft.Membership;
import io.timevault.raft.TimevaultLogStorage;
import io.timevault.raft.Vote;
import io.timevault.store.Partition;
import io.timevault.store.PartitionConfig;
import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/** The stores the tool is tested on: written through the real engine and Raft adapter, or copied from resources. */
final class Trees {

    static final UUID RAFT_ID = UUID.fromString("7a3f0000-0000-4000-8000-0000000c11a1");
    static final UUID RUST_ID = UUID.fromString("13f98d87-e036-4804-829a-bcb965a9fa87");
    static final int ENTRIES = 40;
    static final int PURGED = 5;

    private Trees() {
    }

    /**
     * A Raft log of {@link #ENTRIES} entries (a membership entry, then normal ones with JSON payloads) in chunks of
     * about 700 bytes and index blocks of 4 records, purged up to index {@link #PURGED}, with a saved vote.
     */
    static Path raftStore(Path root) {
        try (TimevaultStore store = TimevaultStore.open(root, StoreOptions.DEFAULTS)) {
            Partition p = store.createPartition(RAFT_ID, PartitionConfig.defaults().withChunkRoll(700, 0).withIndex(4, 0));
            try (TimevaultLogStorage<Payload> log = TimevaultLogStorage.open(p, JacksonFormatPlugin.forType(Payload.class))) {
                LeaderId leader = new LeaderId(1, 0);
                List<Entry<Payload>> entries = new ArrayList<>();
                entries.add(Entry.membership(new LogId(leader, 1), Membership.of(Set.of(0L))));
                for (long i = 2; i <= ENTRIES; i++) {
                    entries.add(Entry.normal(new LogId(leader, i), new Payload("k" + i, i * 10)));
                }
                log.blockingAppend(entries);
                log.saveVote(Vote.committed(1, 0));
                log.purge(new LogId(leader, PURGED));
            }
        }
        return root;
    }

    /** A command of the test's state machine, stored as JSON. */
    record Payload(String key, long value) {
    }

    /** The Rust-written roll example (test resource {@code trees/rust-roll}) as a store. */
    static Path rustStore(Path root) {
        Path dir = root.resolve("partitions/fa/87/" + RUST_ID);
        copyTree(resource("trees/rust-roll"), dir);
        return root;
    }

    static Path partitionDir(Path root, UUID id) {
        long lsb = id.getLeastSignificantBits();
        return root.resolve("partitions").resolve(String.format("%02x", (lsb >>> 8) & 0xff))
                .resolve(String.format("%02x", lsb & 0xff)).resolve(id.toString());
    }

    static Path resource(String name) {
        try {
            return Path.of(Trees.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals("README.md")) {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void flipByte(Path file, long offset) {
        try {
            byte[] b = Files.readAllBytes(file);
            b[(int) offset] ^= 0x01;
            Files.write(file, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
