package io.timevault.sample;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.core.StateMachineAdapter;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotReader;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The replicated key-value map: applies {@link KvCommand}s in log order; snapshots are the whole map as one JSON
 * file ({@value #SNAPSHOT_FILE}).
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
            ByteBuffer data = iterator.getData();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            KvCommand command = mapper.readValue(bytes, KvCommand.class);
            switch (command.op()) {
                case PUT -> map.put(command.key(), command.value());
                case DELETE -> map.remove(command.key());
            }
            appliedIndex.set(iterator.getIndex());
            Closure done = iterator.done();
            if (done != null) {
                done.run(Status.OK());
            }
            iterator.next();
        }
    }

    @Override
    public void onSnapshotSave(SnapshotWriter writer, Closure done) {
        Map<String, String> copy = new TreeMap<>(map);
        try {
            Files.write(Path.of(writer.getPath(), SNAPSHOT_FILE), mapper.writeValueAsBytes(copy));
            if (writer.addFile(SNAPSHOT_FILE)) {
                done.run(Status.OK());
            } else {
                done.run(new Status(RaftError.EIO, "could not add %s to the snapshot", SNAPSHOT_FILE));
            }
        } catch (IOException e) {
            done.run(new Status(RaftError.EIO, "snapshot save failed: %s", e));
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
