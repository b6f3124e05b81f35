package io.timevault.raft.jraft.cluster;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A state machine whose state says exactly which commands it applied: each command is an 8-byte number, the state
 * is their count, the last applied index and an order-sensitive hash. Two replicas that applied the same commands
 * in the same order have equal {@link #state()}s. Snapshots write the state to one file.
 *
 * <p>It reads each command the way applications do, with the relative {@code ByteBuffer.getLong()}: by default on a
 * {@code duplicate()} of the entry's buffer, as the sample and the README tell users ({@link Reads#DUPLICATE}); or,
 * like a naive application, on the entry's own buffer ({@link Reads#CONSUME}), which SOFAJRaft 1.4.1 still uses
 * afterwards (see ConsumedCommandBufferTest). A command that is not exactly 8 bytes (e.g. the zero bytes left by a
 * consumed buffer) halts the node, which {@link #error()} then reports.
 *
 * <p>Thread rule: jraft calls the callbacks on its FSM thread; the getters are read from test threads.
 */
public final class CounterStateMachine extends StateMachineAdapter {

    private static final String FILE = "counter";

    /** The whole state; immutable, replaced on every apply. */
    public record State(long count, long hash, long lastIndex) {
        State apply(long value, long index) {
            return new State(count + 1, hash * 1_000_003L + value, index);
        }
    }

    /** How {@link #onApply} reads a command. */
    public enum Reads {
        /** {@code it.getData().duplicate().getLong()}: leaves the entry's buffer as jraft needs it. */
        DUPLICATE,
        /** {@code it.getData().getLong()}: moves the position of the entry's own buffer to its end. */
        CONSUME
    }

    private final Reads reads;

    private final AtomicReference<State> state = new AtomicReference<>(new State(0, 17, 0));
    private final AtomicInteger snapshotsLoaded = new AtomicInteger();
    private final AtomicReference<RaftException> error = new AtomicReference<>();
    private volatile long leaderTerm = -1;

    public CounterStateMachine() {
        this(Reads.DUPLICATE);
    }

    public CounterStateMachine(Reads reads) {
        this.reads = reads;
    }

    public static ByteBuffer command(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(0, value);
    }

    @Override
    public void onApply(Iterator it) {
        while (it.hasNext()) {
            ByteBuffer data = reads == Reads.DUPLICATE ? it.getData().duplicate() : it.getData();
            if (data.remaining() != Long.BYTES) {
                it.setErrorAndRollback(1, new Status(RaftError.ESTATEMACHINE, "the command at index %d has %d bytes,"
                        + " not %d", it.getIndex(), data.remaining(), Long.BYTES));
                return;
            }
            long value = data.getLong();
            state.updateAndGet(s -> s.apply(value, it.getIndex()));
            if (it.done() != null) {
                it.done().run(Status.OK());
            }
            it.next();
        }
    }

    @Override
    public void onSnapshotSave(SnapshotWriter writer, Closure done) {
        State s = state.get();
        try {
            Files.writeString(Path.of(writer.getPath(), FILE), s.count() + " " + s.hash() + " " + s.lastIndex(),
                    StandardCharsets.UTF_8);
            done.run(writer.addFile(FILE) ? Status.OK() : new Status(RaftError.EIO, "addFile failed"));
        } catch (IOException e) {
            done.run(new Status(RaftError.EIO, "snapshot save failed: %s", e));
        }
    }

    @Override
    public boolean onSnapshotLoad(SnapshotReader reader) {
        try {
            String[] parts = Files.readString(Path.of(reader.getPath(), FILE), StandardCharsets.UTF_8).split(" ");
            state.set(new State(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2])));
            snapshotsLoaded.incrementAndGet();
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void onLeaderStart(long term) {
        leaderTerm = term;
    }

    @Override
    public void onLeaderStop(Status status) {
        leaderTerm = -1;
    }

    @Override
    public void onError(RaftException e) {
        error.compareAndSet(null, e);
    }

    public State state() {
        return state.get();
    }

    public long applied() {
        return state.get().count();
    }

    public int snapshotsLoaded() {
        return snapshotsLoaded.get();
    }

    /** The first error jraft reported to the state machine (the node stopped), or {@code null}. */
    public RaftException error() {
        return error.get();
    }
}
