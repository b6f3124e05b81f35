package io.timevault.bench;

import com.alipay.sofa.jraft.conf.ConfigurationManager;
import com.alipay.sofa.jraft.entity.EnumOutter;
import com.alipay.sofa.jraft.entity.LogEntry;
import com.alipay.sofa.jraft.entity.LogId;
import com.alipay.sofa.jraft.entity.codec.v2.LogEntryV2CodecFactory;
import com.alipay.sofa.jraft.option.LogStorageOptions;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.storage.impl.RocksDBLogStorage;
import com.alipay.sofa.jraft.storage.log.RocksDBSegmentLogStorage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * jraft's own log stores, as a jraft node uses them, with {@code RaftOptions.setSync(true)} (a synced write per
 * {@code appendEntries}), entries of type DATA carrying the 256-byte payload: {@link RocksDBLogStorage} (jraft's
 * default) or {@link RocksDBSegmentLogStorage} (values above its threshold in segment files, the rest in RocksDB;
 * its defaults).
 */
final class RocksDbSink implements AppendSink {

    private final RocksDBLogStorage storage;

    RocksDbSink(Path dir, boolean segments) {
        storage = open(dir, segments, true);
    }

    /** An initialized jraft log store in {@code dir}; {@code sync} as {@code RaftOptions.setSync}. */
    static RocksDBLogStorage open(Path dir, boolean segments, boolean sync) {
        RaftOptions raftOptions = new RaftOptions();
        raftOptions.setSync(sync);
        RocksDBLogStorage storage = segments ? new RocksDBSegmentLogStorage(dir.toString(), raftOptions)
                : new RocksDBLogStorage(dir.toString(), raftOptions);
        LogStorageOptions options = new LogStorageOptions();
        options.setConfigurationManager(new ConfigurationManager());
        options.setLogEntryCodecFactory(LogEntryV2CodecFactory.getInstance());
        if (!storage.init(options)) {
            throw new IllegalStateException(storage.getClass().getSimpleName() + ".init failed in " + dir);
        }
        return storage;
    }

    static LogEntry entry(long index) {
        return entry(index, Payloads.DATA_ARRAY);
    }

    static LogEntry entry(long index, byte[] data) {
        LogEntry e = new LogEntry(EnumOutter.EntryType.ENTRY_TYPE_DATA);
        e.setId(new LogId(index, Payloads.TERM));
        e.setData(ByteBuffer.wrap(data));
        return e;
    }

    @Override
    public Runnable prepare(long first, int batches, int batchSize) {
        List<List<LogEntry>> input = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++) {
            List<LogEntry> batch = new ArrayList<>(batchSize);
            for (int i = 0; i < batchSize; i++) {
                batch.add(entry(first + (long) b * batchSize + i));
            }
            input.add(batch);
        }
        return () -> {
            for (List<LogEntry> batch : input) {
                int n = storage.appendEntries(batch);
                if (n != batch.size()) {
                    throw new IllegalStateException("RocksDBLogStorage appended " + n + " of " + batch.size());
                }
            }
        };
    }

    @Override
    public void close() {
        storage.shutdown();
    }
}
