package io.timevault.sample;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.core.StateMachineAdapter;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.error.RaftException;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotReader;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The replicated key-value map: applies {@link KvCommand}s in log order; snapshots are the whole map as one JSON
 * file ({@value #SNAPSHOT_FILE}).
 *
 * <p>Copy with care: the command buffers jraft hands to {@link #onApply} belong to its log entries and must never be
 * consumed (see {@link #decode}); a command that cannot be applied halts the node ({@link #halt()}), which health
 * reports as DOWN.
 *
 * <p>Thread rule: jraft calls {@code onApply}, {@code onSnapshotSave} and {@code onSnapshotLoad} from its one
 * state machine thread; {@link #get} and {@link #appliedIndex} may be called from any thread.
 */
public class KvStateMachine extends StateMachineAdapter {

    static final String SNAPSHOT_FILE = "kv.json";

    private static final Logger log = LoggerFactory.getLogger(KvStateMachine.class);

    private final JsonMapper mapper;

    private final Map<String, String> map = new ConcurrentHashMap<>();

    private final AtomicLong appliedIndex = new AtomicLong();

    private volatile long leaderTerm = -1;

    private volatile long failedIndex;

    private final AtomicReference<Halt> halt = new AtomicReference<>();

    public KvStateMachine(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** Encodes a command for {@code Task.setData}. */
    ByteBuffer encode(KvCommand command) {
        return ByteBuffer.wrap(mapper.writeValueAsBytes(command));
    }

    @Override
    public void onApply(Iterator iterator) {
        while (iterator.hasNext()) {
            long index = iterator.getIndex();
            KvCommand command;
            try {
                command = decode(iterator.getData());
            } catch (RuntimeException e) {
                // Stop here: applying later entries without this one would make this replica differ from the
                // others. jraft then halts the node and calls onError, which reports it.
                failedIndex = index;
                iterator.setErrorAndRollback(1, new Status(RaftError.ESTATEMACHINE,
                        "cannot apply the entry at index %d: %s", index, e.getMessage()));
                return;
            }
            switch (command.op()) {
                case PUT -> map.put(command.key(), command.value());
                case DELETE -> map.remove(command.key());
            }
            appliedIndex.set(index);
            Closure done = iterator.done();
            if (done != null) {
                done.run(Status.OK());
            }
            iterator.next();
        }
    }

    /**
     * Reads a command WITHOUT moving the position of {@code data}: the buffer is the log entry's own, and SOFAJRaft
     * (1.4.1) still uses it after this call — its replicator sends the entry's remaining bytes to a lagging follower,
     * and its disk write, which can run after the entry was committed by the followers and applied here, stores the
     * remaining bytes. Consuming it (a plain {@code data.get(bytes)}) silently replaces the command with zero bytes
     * on other nodes' disks and on this one's. Read a {@code duplicate()}, never the buffer itself.
     */
    private KvCommand decode(ByteBuffer data) {
        ByteBuffer own = data.duplicate();
        byte[] bytes = new byte[own.remaining()];
        own.get(bytes);
        return mapper.readValue(bytes, KvCommand.class);
    }

    @Override
    public void onError(RaftException e) {
        long index = failedIndex > 0 ? failedIndex : appliedIndex.get() + 1;
        Halt halt = new Halt(index, e.getType() + ": " + e.getStatus());
        if (this.halt.compareAndSet(null, halt)) {
            log.error("""
                    The Raft state machine HALTED at log index {} and applies nothing more: {}. \
                    This node serves no reads and takes no writes until it is restored; restarting it replays the \
                    same entry and halts again. Next step: stop this node, move its data directory aside, and \
                    restore it from a healthy peer (copy a peer's stopped data directory, or start it empty after \
                    removing it from the group and adding it back so that it receives a snapshot).""",
                    halt.index(), halt.cause());
        }
    }

    /** Why and where the state machine stopped, or empty while it runs. */
    public Optional<Halt> halt() {
        return Optional.ofNullable(halt.get());
    }

    /**
     * The state machine stopped for good (SOFAJRaft {@code onError}).
     *
     * @param index the log index it could not apply (or the next one after the last applied, for a log error)
     * @param cause what jraft reported
     */
    public record Halt(long index, String cause) {
    }

    @Override
    public void onSnapshotSave(SnapshotWriter writer, Closure done) {
        Map<String, String> copy = new TreeMap<>(map);
        try {
            writeDurably(Path.of(writer.getPath(), SNAPSHOT_FILE), mapper.writeValueAsBytes(copy));
            if (writer.addFile(SNAPSHOT_FILE)) {
                done.run(Status.OK());
            } else {
                done.run(new Status(RaftError.EIO, "could not add %s to the snapshot", SNAPSHOT_FILE));
            }
        } catch (IOException e) {
            done.run(new Status(RaftError.EIO, "snapshot save failed: %s", e));
        }
    }

    /** jraft syncs its snapshot meta, not the files we add: a snapshot lets it purge the log, so it must be on disk. */
    private static void writeDurably(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    @Override
    public boolean onSnapshotLoad(SnapshotReader reader) {
        Path file = Path.of(reader.getPath(), SNAPSHOT_FILE);
        if (reader.getFileMeta(SNAPSHOT_FILE) == null || !Files.exists(file)) {
            log.error("snapshot at {} has no {}", reader.getPath(), SNAPSHOT_FILE);
            return false;
        }
        try {
            Map<String, String> loaded = mapper.readValue(Files.readAllBytes(file), new TypeReference<>() {
            });
            map.clear();
            map.putAll(loaded);
            appliedIndex.set(reader.load().getLastIncludedIndex());
            return true;
        } catch (IOException e) {
            log.error("snapshot load failed", e);
            return false;
        }
    }

    @Override
    public void onLeaderStart(long term) {
        leaderTerm = term;
        super.onLeaderStart(term);
    }

    @Override
    public void onLeaderStop(Status status) {
        leaderTerm = -1;
        super.onLeaderStop(status);
    }

    /** The value of {@code key} as applied on this node (a follower may lag the leader). */
    public Optional<String> get(String key) {
        return Optional.ofNullable(map.get(key));
    }

    /** The index of the last applied log entry. */
    public long appliedIndex() {
        return appliedIndex.get();
    }

    /** Whether this node's state machine is the leader's. */
    public boolean isLeader() {
        return leaderTerm > 0;
    }
}
