package io.timevault.raft.jraft.cluster;

import com.alipay.sofa.jraft.JRaftServiceFactory;
import com.alipay.sofa.jraft.entity.EnumOutter;
import com.alipay.sofa.jraft.entity.LogEntry;
import com.alipay.sofa.jraft.entity.codec.LogEntryCodecFactory;
import com.alipay.sofa.jraft.option.LogStorageOptions;
import com.alipay.sofa.jraft.option.NodeOptions;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.storage.LogStorage;
import com.alipay.sofa.jraft.storage.RaftMetaStorage;
import com.alipay.sofa.jraft.storage.SnapshotStorage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Wraps a service factory so that a test can see which log-shaping calls jraft made on a node's log storage:
 * {@code truncatePrefix}, {@code truncateSuffix} and {@code reset}, with argument and result, e.g.
 * {@code "reset 1203 -> true"}. It can also hold a node's appends of data entries back until a condition holds
 * ({@link #holdDataAppendsUntil}), to order the disk write after other events.
 */
public final class RecordingServiceFactory implements JRaftServiceFactory {

    private final JRaftServiceFactory delegate;
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private volatile BooleanSupplier releaseDataAppends;

    public RecordingServiceFactory(JRaftServiceFactory delegate) {
        this.delegate = delegate;
    }

    /**
     * From now on, an {@code appendEntries} holding a data entry waits (at most 10 s, on jraft's log thread) until
     * {@code release} holds, then appends.
     */
    public void holdDataAppendsUntil(BooleanSupplier release) {
        releaseDataAppends = release;
    }

    /** The recorded calls, in order. */
    public List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** The recorded calls whose name is {@code operation}. */
    public List<String> calls(String operation) {
        return calls().stream().filter(c -> c.startsWith(operation + " ")).toList();
    }

    @Override
    public LogStorage createLogStorage(String uri, RaftOptions raftOptions) {
        return new Recording(delegate.createLogStorage(uri, raftOptions));
    }

    @Override
    public SnapshotStorage createSnapshotStorage(NodeOptions nodeOptions) {
        return delegate.createSnapshotStorage(nodeOptions);
    }

    @Override
    public RaftMetaStorage createRaftMetaStorage(String uri, RaftOptions raftOptions) {
        return delegate.createRaftMetaStorage(uri, raftOptions);
    }

    @Override
    public LogEntryCodecFactory createLogEntryCodecFactory() {
        return delegate.createLogEntryCodecFactory();
    }

    private final class Recording implements LogStorage {

        private final LogStorage storage;

        Recording(LogStorage storage) {
            this.storage = storage;
        }

        private boolean record(String call, boolean result) {
            calls.add(call + " -> " + result);
            return result;
        }

        @Override
        public boolean init(LogStorageOptions opts) {
            return storage.init(opts);
        }

        @Override
        public void shutdown() {
            storage.shutdown();
        }

        @Override
        public long getFirstLogIndex() {
            return storage.getFirstLogIndex();
        }

        @Override
        public long getLastLogIndex() {
            return storage.getLastLogIndex();
        }

        @Override
        public LogEntry getEntry(long index) {
            return storage.getEntry(index);
        }

        @Override
        @SuppressWarnings("deprecation")
        public long getTerm(long index) {
            return storage.getTerm(index);
        }

        @Override
        public boolean appendEntry(LogEntry entry) {
            return storage.appendEntry(entry);
        }

        @Override
        public int appendEntries(List<LogEntry> entries) {
            BooleanSupplier release = releaseDataAppends;
            if (release != null && entries.stream().anyMatch(e -> e.getType() == EnumOutter.EntryType.ENTRY_TYPE_DATA)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!release.getAsBoolean() && System.nanoTime() < deadline) {
                    Await.sleep(5);
                }
            }
            return storage.appendEntries(entries);
        }

        @Override
        public boolean truncatePrefix(long firstIndexKept) {
            return record("truncatePrefix " + firstIndexKept, storage.truncatePrefix(firstIndexKept));
        }

        @Override
        public boolean truncateSuffix(long lastIndexKept) {
            return record("truncateSuffix " + lastIndexKept, storage.truncateSuffix(lastIndexKept));
        }

        @Override
        public boolean reset(long nextLogIndex) {
            return record("reset " + nextLogIndex, storage.reset(nextLogIndex));
        }
    }
}
