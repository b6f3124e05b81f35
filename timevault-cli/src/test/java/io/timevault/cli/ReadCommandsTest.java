package io.timevault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.store.PartitionConfig;
import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code ls}, {@code dump}, usage errors and completion, on a Raft store and on a Rust-written tree. */
class ReadCommandsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    @Test
    void lsShowsChunksKeysPurgePointAndRaftState() {
        Path root = Trees.raftStore(tmp.resolve("raft"));
        Cli r = Cli.run("ls", root);
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).contains("1 partition in " + root, Trees.RAFT_ID.toString(),
                "keys " + (Trees.PURGED + 1) + ".." + Trees.ENTRIES, "last_purge_id " + Trees.PURGED,
                "raft: last log id T1-N0-" + Trees.ENTRIES, "last purged T1-N0-" + Trees.PURGED,
                "vote T1-N0:committed");
        assertThat(r.out()).containsPattern("chunks \\d+, [0-9.]+ (B|KiB)");
    }

    @Test
    void lsOnARustWrittenTree() {
        Cli r = Cli.run("ls", Trees.rustStore(tmp.resolve("rust")));
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).contains(Trees.RUST_ID.toString(), "chunks 2, 282 B, keys 1..10, last_purge_id none")
                .doesNotContain("raft:");
    }

    @Test
    void dumpPrintsOneJsonObjectPerRecordWithinTheBounds() {
        Path root = Trees.raftStore(tmp.resolve("raft"));
        Cli all = Cli.run("dump", root, Trees.RAFT_ID);
        assertThat(all.code()).as("%s", all).isZero();
        List<JsonNode> lines = parse(all.out());
        assertThat(lines).hasSize(Trees.ENTRIES - Trees.PURGED);
        assertThat(lines.get(0).get("timestamp").asLong()).isEqualTo(Trees.PURGED + 1);
        assertThat(lines.get(0).get("log_id").get("index").asLong()).isEqualTo(Trees.PURGED + 1);

        Cli some = Cli.run("dump", root, Trees.RAFT_ID, "--from", 10, "--to", 12);
        assertThat(parse(some.out())).extracting(n -> n.get("timestamp").asLong()).containsExactly(10L, 11L, 12L);
    }

    @Test
    void dumpRaftDecodesLogIdKindAndJsonPayload() {
        Path root = Trees.raftStore(tmp.resolve("raft"));
        Cli r = Cli.run("dump", root, Trees.partitionDir(root, Trees.RAFT_ID), "--raft", "--from", 7, "--to", 7);
        assertThat(r.code()).as("%s", r).isZero();
        JsonNode n = parse(r.out()).get(0);
        assertThat(n.get("index").asLong()).isEqualTo(7);
        assertThat(n.get("term").asLong()).isEqualTo(1);
        assertThat(n.get("node_id").asLong()).isZero();
        assertThat(n.get("kind").asString()).isEqualTo("Normal");
        assertThat(n.get("payload").get("key").asString()).isEqualTo("k7");
        assertThat(n.get("payload").get("value").asLong()).isEqualTo(70);
    }

    @Test
    void aJraftGroupsJsonCommandBytesAreShownDecoded() {
        Path root = tmp.resolve("jraft");
        UUID group = io.timevault.raft.LogPartitionIds.derive("kv");
        String data = java.util.Base64.getEncoder().encodeToString("{\"op\":\"PUT\",\"key\":\"a\"}".getBytes(StandardCharsets.UTF_8));
        String record = "{\"timestamp\":1,\"log_id\":{\"leader_id\":{\"term\":1,\"node_id\":0},\"index\":1},\"kind\":\"Normal\","
                + "\"payload\":{\"type\":\"DATA\",\"data\":\"" + data + "\"}}\n";
        try (TimevaultStore store = TimevaultStore.open(root, StoreOptions.DEFAULTS)) {
            store.createPartition(group, PartitionConfig.defaults()).append(1, record.getBytes(StandardCharsets.UTF_8));
        }
        Cli r = Cli.run("dump", root, "kv", "--raft");
        assertThat(r.code()).as("%s", r).isZero();
        JsonNode payload = parse(r.out()).get(0).get("payload");
        assertThat(payload.get("data").asString()).isEqualTo(data);
        assertThat(payload.get("data_json").get("op").asString()).isEqualTo("PUT");
    }

    @Test
    void dumpOfARustWrittenTreeIsTheStoredLines() {
        Path root = Trees.rustStore(tmp.resolve("rust"));
        Cli r = Cli.run("dump", root, Trees.RUST_ID);
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).startsWith("{\"payload\":1,\"timestamp\":1}\n");
        assertThat(parse(r.out())).hasSize(10);
    }

    @Test
    void aLogOfASpringApplicationIsFoundByItsName() {
        Path root = tmp.resolve("spring");
        UUID derived = UUID.nameUUIDFromBytes("timevault-raft:orders".getBytes(StandardCharsets.UTF_8));
        try (TimevaultStore store = TimevaultStore.open(root, StoreOptions.DEFAULTS)) {
            store.createPartition(derived, PartitionConfig.defaults()).append(3, "{\"timestamp\":3}\n".getBytes(StandardCharsets.UTF_8));
        }
        Cli r = Cli.run("dump", root, "orders");
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).isEqualTo("{\"timestamp\":3}\n");
    }

    @Test
    void usageErrorsAndUnknownPartitionsExitWithTwo() {
        Path root = Trees.raftStore(tmp.resolve("raft"));
        assertThat(Cli.run("dump").code()).isEqualTo(2);
        assertThat(Cli.run("verify", root, "--no-such-option").code()).isEqualTo(2);
        assertThat(Cli.run().code()).isEqualTo(2);
        Cli missing = Cli.run("dump", root, UUID.randomUUID());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("not found");
        Cli notAStore = Cli.run("ls", tmp.resolve("nothing-here"));
        assertThat(notAStore.code()).isEqualTo(2);
        assertThat(notAStore.err()).contains("is not a timevault store");
    }

    @Test
    void helpEverywhereAndABashCompletionScript() {
        for (String command : List.of("ls", "dump", "verify", "repair")) {
            Cli help = Cli.run(command, "--help");
            assertThat(help.code()).isZero();
            assertThat(help.out()).startsWith("Usage: timevault " + command);
        }
        Cli completion = Cli.run("generate-completion");
        assertThat(completion.code()).isZero();
        assertThat(completion.out()).contains("complete -F", "timevault");
    }

    private static List<JsonNode> parse(String out) {
        return out.lines().map(JSON::readTree).toList();
    }
}
