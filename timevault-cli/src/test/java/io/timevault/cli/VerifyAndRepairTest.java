package io.timevault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.store.Partition;
import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify} and {@code repair} on clean, Rust-written and damaged trees: damage is named with its file and
 * offset (exit 1), repairable findings are repaired, and {@code repair} followed by {@code verify} is clean.
 */
class VerifyAndRepairTest {

    @TempDir
    Path tmp;

    @Test
    void verifyOfACleanRaftStoreAndOfARustTreeFindsNothing() {
        Cli raft = Cli.run("verify", Trees.raftStore(tmp.resolve("raft")));
        assertThat(raft.code()).as("%s", raft).isZero();
        assertThat(raft.out()).contains("ok       " + Trees.RAFT_ID, "verified 1 partitions", "no findings");
        Cli rust = Cli.run("verify", Trees.rustStore(tmp.resolve("rust")), Trees.RUST_ID);
        assertThat(rust.code()).as("%s", rust).isZero();
    }

    @Test
    void aFlippedByteInsideASyncedRecordIsNamedWithItsFileAndOffset() throws IOException {
        Path root = Trees.raftStore(tmp.resolve("raft"));
        Path chunk = firstChunk(root);
        Trees.flipByte(chunk, 40);
        Cli r = Cli.run("verify", root);
        assertThat(r.code()).as("%s", r).isEqualTo(1);
        assertThat(r.out()).contains("FINDINGS " + Trees.RAFT_ID, "CORRUPT " + chunk + " at offset 0")
                .containsPattern("CRC-32C mismatch in block 0 \\[0, \\d+\\)|bad record");
        // repair never rewrites over damaged data
        Cli repair = Cli.run("repair", root, Trees.RAFT_ID);
        assertThat(repair.code()).as("%s", repair).isEqualTo(1);
        assertThat(repair.err()).contains("cannot repair", chunk.toString());
    }

    @Test
    void tornTailIsReportedThenCutWithItsBrokenCopyAndVerifyIsCleanAfterRepair() throws IOException {
        Path root = Trees.raftStore(tmp.resolve("raft"));
        Path chunk = lastChunk(root);
        long length = Files.size(chunk);
        Files.write(chunk, "{\"timestamp\":99,\"log_i".getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);
        Cli before = Cli.run("verify", root);
        assertThat(before.code()).as("%s", before).isEqualTo(1);
        assertThat(before.out()).contains("REPAIRABLE " + chunk + " at offset " + length, "torn tail of 22 bytes");

        Cli dry = Cli.run("repair", root, Trees.RAFT_ID, "--dry-run");
        assertThat(dry.code()).as("%s", dry).isZero();
        assertThat(dry.out()).contains("would repair", "TAIL_TRUNCATED");
        assertThat(Files.size(chunk)).as("dry run writes nothing").isEqualTo(length + 22);

        Cli repair = Cli.run("repair", root, Trees.RAFT_ID);
        assertThat(repair.code()).as("%s", repair).isZero();
        assertThat(repair.out()).contains("repaired:", "TAIL_TRUNCATED", ".broken-" + length);
        assertThat(Files.size(chunk)).isEqualTo(length);
        assertThat(Files.readString(chunk.resolveSibling(chunk.getFileName() + ".broken-" + length)))
                .isEqualTo("{\"timestamp\":99,\"log_i");
        assertThat(Cli.run("verify", root).code()).isZero();
    }

    @Test
    void aLostManifestIsRebuiltFromTheChunksAndTheLogReadsTheSame() throws IOException {
        Path root = Trees.raftStore(tmp.resolve("raft"));
        String before = Cli.run("dump", root, Trees.RAFT_ID).out();
        Path manifest = Trees.partitionDir(root, Trees.RAFT_ID).resolve("manifest.jsonl");
        String original = Files.readString(manifest);
        Files.delete(manifest);
        Cli verify = Cli.run("verify", root);
        assertThat(verify.code()).isEqualTo(1);
        assertThat(verify.out()).contains(manifest + ": missing while chunk files exist");

        Cli repair = Cli.run("repair", root, Trees.RAFT_ID);
        assertThat(repair.code()).as("%s", repair).isZero();
        assertThat(repair.out()).contains("manifest.jsonl: rebuilt from");
        assertThat(Cli.run("verify", root).code()).isZero();
        assertThat(Cli.run("dump", root, Trees.RAFT_ID).out()).isEqualTo(before);
        assertThat(Files.readString(manifest)).as("same chunks, closed at their last keys").isEqualTo(original);
    }

    @Test
    void repairAddsCrcsToARustWrittenIndexAndRebuildsAMissingOne() throws IOException {
        Path root = Trees.rustStore(tmp.resolve("rust"));
        Path dir = Trees.partitionDir(root, Trees.RUST_ID);
        Files.delete(dir.resolve("chunks/0000000000000006.index"));
        assertThat(Cli.run("verify", root).out()).contains("0000000000000006.index: missing");
        Cli repair = Cli.run("repair", root, Trees.RUST_ID);
        assertThat(repair.code()).as("%s", repair).isZero();
        assertThat(repair.out()).contains("chunks/0000000000000001.index: rebuilt from the chunk, 3 lines with CRC-32C");
        assertThat(Files.readString(dir.resolve("chunks/0000000000000001.index"))).contains("\"crc32c\":");
        assertThat(Files.readString(dir.resolve("chunks/0000000000000006.index"))).contains("\"crc32c\":");
        Cli verify = Cli.run("verify", root);
        assertThat(verify.code()).as("%s", verify).isZero();
        Cli again = Cli.run("repair", root, Trees.RUST_ID);
        assertThat(again.out()).contains("nothing to repair");
    }

    @Test
    void aDamagedIndexKeyThatReadsCannotSeeIsFoundByVerifyAndRepaired() throws IOException {
        Path root = Trees.rustStore(tmp.resolve("rust"));
        Path index = Trees.partitionDir(root, Trees.RUST_ID).resolve("chunks/0000000000000006.index");
        Files.writeString(index, Files.readString(index).replace("{\"block_min_key\":8,\"block_max_key\":9,",
                "{\"block_min_key\":8,\"block_max_key\":8,"));
        Cli verify = Cli.run("verify", root);
        assertThat(verify.code()).isEqualTo(1);
        assertThat(verify.out()).contains(index + ": line 1 ", "does not match the chunk's records");
        assertThat(Cli.run("repair", root, Trees.RUST_ID).code()).isZero();
        assertThat(Cli.run("verify", root).code()).isZero();
        assertThat(Cli.run("dump", root, Trees.RUST_ID, "--from", 9, "--to", 9).out()).contains("\"timestamp\":9");
    }

    @Test
    void readCommandsWorkBesideAWriterAndRepairRefusesIt() {
        Path root = Trees.raftStore(tmp.resolve("raft"));
        try (TimevaultStore writer = TimevaultStore.open(root, StoreOptions.DEFAULTS)) {
            Partition p = writer.openPartition(Trees.RAFT_ID);
            assertThat(p.readOnly()).isFalse();
            assertThat(Cli.run("ls", root).code()).isZero();
            assertThat(Cli.run("dump", root, Trees.RAFT_ID).code()).isZero();
            assertThat(Cli.run("verify", root).code()).isZero();
            Cli repair = Cli.run("repair", root, Trees.RAFT_ID);
            assertThat(repair.code()).as("%s", repair).isEqualTo(2);
            assertThat(repair.err()).contains("refusing to repair", "Stop the application first");
            Cli dry = Cli.run("repair", root, Trees.RAFT_ID, "--dry-run");
            assertThat(dry.code()).isEqualTo(2);
        }
    }

    private static Path firstChunk(Path root) throws IOException {
        try (var s = Files.list(Trees.partitionDir(root, Trees.RAFT_ID).resolve("chunks"))) {
            return s.filter(p -> p.toString().endsWith(".chunk")).sorted().findFirst().orElseThrow();
        }
    }

    private static Path lastChunk(Path root) throws IOException {
        try (var s = Files.list(Trees.partitionDir(root, Trees.RAFT_ID).resolve("chunks"))) {
            return s.filter(p -> p.toString().endsWith(".chunk")).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }
}
