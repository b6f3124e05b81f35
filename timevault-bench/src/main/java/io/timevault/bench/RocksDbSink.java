package io.timevault.bench;

import com.alipay.sofa.jraft.conf.ConfigurationManager;
import com.alipay.sofa.jraft.entity.EnumOutter;
import com.alipay.sofa.jraft.entity.LogEntry;
import com.alipay.sofa.jraft.entity.LogId;
import com.alipay.sofa.jraft.entity.codec.v2.LogEntryV2CodecFactory;
import com.alipay.sofa.jraft.option.LogStorageOptions;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.storage.impl.RocksDBLogStorage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * jraft's own log store, as a jraft node uses it: {@link RocksDBLogStorage} with {@code RaftOptions.setSync(true)}
 * (a synced RocksDB write batch per {@code appendEntries}), entries of type DATA carrying the 256-byte payload.
 */
final class RocksDbSink implements AppendSink {

    private final RocksDBLogStorage storage;

    RocksDbSink(Path dir) {
        RaftOptions raftOptions = new RaftOptions();
        raftOptions.setSync(true);
        storage = new RocksDBLogStorage(dir.toString(), raftOptions);
        LogStorageOptions options = new LogStorageOptions();
        options.setConfigurationManager(new ConfigurationManager());
        options.setLogEntryCodecFactory(LogEntryV2CodecFactory.getInstance());
        if (!storage.init(options)) {
            throw new IllegalStateException("RocksDBLogStorage.init failed in " + dir);
        }
    }

    static LogEntry entry(long index) {
        LogEntry e = new LogEntry(EnumOutter.EntryType.ENTRY_TYPE_DATA);
        e.setId(new LogId(index, Payloads.TERM));
        e.setData(ByteBuffer.wrap(Payloads.DATA_ARRAY));
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
