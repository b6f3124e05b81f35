package io.timevault.raft;

import io.timevault.store.DurableFiles;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two files the Raft adapter keeps beside the chunks in the partition directory (spec timevault-format §2.5,
 * §2.6). Both are single JSON documents without a trailing newline, replaced atomically and durably (temp file,
 * fsync, rename, directory fsync); an absent file means "none".
 *
 * <ul>
 *   <li>{@value #VOTE_FILE}: the vote, {@code {"leader_id":{"term":5,"node_id":1},"committed":false}}.
 *   <li>{@value #PURGE_FILE}: the last purged log id, written before the partition purge so that it is never
 *       behind it: {@code {"last_deleted":{"leader_id":{"term":1,"node_id":0},"index":5}}}.
 * </ul>
 *
 * <p>A file that exists but does not parse is an error, never "none" (timevault-rs swallows it, spec §7 item 29).
 */
final class RaftSideFiles {

    static final String VOTE_FILE = "raft_vote.json";
    static final String PURGE_FILE = "raft_purge.json";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private RaftSideFiles() {
    }

    static byte[] voteJson(Vote vote) {
        return write(g -> RaftJson.writeVote(g, vote));
    }

    static byte[] purgeJson(LogId lastDeleted) {
        return write(g -> {
            g.writeStartObject();
            g.writeName("last_deleted");
            RaftJson.writeLogId(g, lastDeleted);
            g.writeEndObject();
        });
    }

    /** Durably replaces {@value #VOTE_FILE}. */
    static void saveVote(Path dir, Vote vote) {
        DurableFiles.writeAtomically(dir.resolve(VOTE_FILE), voteJson(vote));
    }

    /** Durably replaces {@value #PURGE_FILE}. */
    static void savePurge(Path dir, LogId lastDeleted) {
        DurableFiles.writeAtomically(dir.resolve(PURGE_FILE), purgeJson(lastDeleted));
    }

    /**
     * The saved vote, or empty if {@value #VOTE_FILE} does not exist.
     *
     * @throws RaftRecordException if the file does not parse
     */
    static Optional<Vote> readVote(Path dir) {
        return DurableFiles.readIfExists(dir.resolve(VOTE_FILE))
                .map(bytes -> RaftJson.readVote(parse(bytes, VOTE_FILE), VOTE_FILE));
    }

    /**
     * The last purged id, or empty if {@value #PURGE_FILE} does not exist.
     *
     * @throws RaftRecordException if the file does not parse
     */
    static Optional<LogId> readPurge(Path dir) {
        return DurableFiles.readIfExists(dir.resolve(PURGE_FILE)).map(bytes -> {
            JsonNode root = RaftJson.object(parse(bytes, PURGE_FILE), PURGE_FILE);
            return RaftJson.readLogId(root.get("last_deleted"), PURGE_FILE + ".last_deleted");
        });
    }

    private static JsonNode parse(byte[] bytes, String file) {
        try {
            return MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw new RaftRecordException(file + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static byte[] write(Consumer<JsonGenerator> body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            body.accept(g);
        }
        return out.toByteArray();
    }
}
