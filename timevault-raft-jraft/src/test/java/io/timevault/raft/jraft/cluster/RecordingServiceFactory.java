package io.timevault.raft.jraft.cluster;

import com.alipay.sofa.jraft.JRaftServiceFactory;
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

/**
 * Wraps a service factory so that a test can see which log-shaping calls jraft made on a node's log storage:
 * {@code truncatePrefix}, {@code truncateSuffix} and {@code reset}, with argument and result, e.g.
 * {@code "reset 1203 -> true"}.
 */
public final class RecordingServiceFactory implements JRaftServiceFactory {

    private final JRaftServiceFactory delegate;
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    public RecordingServiceFactory(JRaftServiceFactory delegate) {
        this.delegate = delegate;
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
