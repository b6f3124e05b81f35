package io.timevault.bench;

import com.alipay.sofa.jraft.conf.ConfigurationManager;
import com.alipay.sofa.jraft.entity.LogEntry;
import com.alipay.sofa.jraft.entity.codec.v2.LogEntryV2CodecFactory;
import com.alipay.sofa.jraft.option.LogStorageOptions;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.storage.LogStorage;
import io.timevault.raft.jraft.TimevaultJRaftServiceFactory;
import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@code catchup_vs_rocksdb}: how fast a leader reads a lagging follower's entries once they left jraft's memory
 * cache: one {@code LogStorage.getEntry} per entry, in order, as jraft's replicator does. The shape of SOFAJRaft's
 * own {@code BaseLogStorageTest.testAppendManyLargeEntries}: entries of 16 KiB (20,000 with --quick, 100,000
 * otherwise), written in batches of 32, then read back from first to last. Ours is the jraft bridge
 * ({@code TimevaultJRaftServiceFactory} on a store); theirs the better of {@code RocksDBLogStorage} and
 * {@code RocksDBSegmentLogStorage} (values this large go to its segment files). Warm page cache for all; the passes
 * alternate (2 each, 3 with the full run), the median counts.
 */
final class CatchupBench {

    static final int ENTRY_BYTES = 16 * 1024;
    static final int WRITE_BATCH = 32;
    static final String GROUP = "catchup";

    private final BenchConfig config;
    private final Report report;
    private final BenchDirs dirs;

    CatchupBench(BenchConfig config, Report report, BenchDirs dirs) {
        this.config = config;
        this.report = report;
        this.dirs = dirs;
    }

    void run() {
        int entries = config.quick() ? 20_000 : 100_000;
        int passes = config.quick() ? 2 : 3;
        byte[] data = new byte[ENTRY_BYTES];
        new Random(13).nextBytes(data);
        Path dir = dirs.fresh("catchup");
        String[] names = {"timevault", "rocksdb", "rocksdb_segment"};
        double[][] perSecond = new double[names.length][passes];
        try (TimevaultStore store = TimevaultStore.open(dir.resolve("timevault"), StoreOptions.DEFAULTS)) {
            LogStorage[] logs = {bridge(store), RocksDbSink.open(BenchDirs.mkdirs(dir.resolve("rocksdb")), false, true),
                    RocksDbSink.open(BenchDirs.mkdirs(dir.resolve("rocksdb-segment")), true, true)};
            try {
                for (LogStorage log : logs) {
                    write(log, entries, data);
                }
                for (int p = 0; p < passes; p++) {
                    for (int k = 0; k < logs.length; k++) {
                        int s = (k + p) % logs.length;
                        long start = System.nanoTime();
                        readAll(logs[s], entries);
                        perSecond[s][p] = entries / ((System.nanoTime() - start) / 1e9);
                    }
                }
            } finally {
                for (LogStorage log : logs) {
                    log.shutdown();
                }
            }
        } finally {
            dirs.delete(dir);
        }
        StringBuilder raw = new StringBuilder();
        for (int s = 0; s < names.length; s++) {
            raw.append(names[s]).append("_entries_per_s=").append(Report.num(Stats.median(perSecond[s]))).append(' ');
        }
        report.raw("catchup", raw + "entries=" + entries + " entry_bytes=" + ENTRY_BYTES + " passes=" + passes);
        double ours = Stats.median(perSecond[0]);
        int best = Stats.median(perSecond[1]) >= Stats.median(perSecond[2]) ? 1 : 2;
        double theirs = Stats.median(perSecond[best]);
        report.ratioAtLeast("catchup_vs_rocksdb", ours / theirs, 1, "timevault=" + Report.num(ours) + "/s rocksdb="
                + Report.num(theirs) + "/s best=" + names[best] + " entries=" + entries);
    }

    /** The bridge's log storage for one group, initialized as a jraft node does. */
    static LogStorage bridge(TimevaultStore store) {
        LogStorage log = new TimevaultJRaftServiceFactory(store).createLogStorage("unused", new RaftOptions());
        LogStorageOptions options = new LogStorageOptions();
        options.setGroupId(GROUP);
        options.setConfigurationManager(new ConfigurationManager());
        options.setLogEntryCodecFactory(LogEntryV2CodecFactory.getInstance());
        if (!log.init(options)) {
            throw new IllegalStateException("the bridge's log storage did not initialize");
        }
        return log;
    }

    private static void write(LogStorage log, int entries, byte[] data) {
        List<LogEntry> batch = new ArrayList<>(WRITE_BATCH);
        for (long i = 1; i <= entries; i++) {
            batch.add(RocksDbSink.entry(i, data));
            if (batch.size() == WRITE_BATCH || i == entries) {
                if (log.appendEntries(batch) != batch.size()) {
                    throw new IllegalStateException(log + " failed to append at " + batch.get(0).getId());
                }
                batch = new ArrayList<>(WRITE_BATCH);
            }
        }
    }

    private static void readAll(LogStorage log, int entries) {
        for (long i = 1; i <= entries; i++) {
            LogEntry e = log.getEntry(i);
            if (e == null || e.getData().remaining() != ENTRY_BYTES) {
                throw new IllegalStateException(log + " returned " + e + " for index " + i);
            }
        }
    }
}
