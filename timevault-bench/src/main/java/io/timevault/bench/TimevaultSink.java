package io.timevault.bench;

import io.timevault.raft.Entry;
import io.timevault.raft.LogStorageMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Durable appends through {@link io.timevault.raft.TimevaultLogStorage}: one append call per batch, then its callback. */
final class TimevaultSink implements AppendSink {

    private final TimevaultLog log;

    TimevaultSink(Path root) {
        this.log = TimevaultLog.open(root);
    }

    @Override
    public Runnable prepare(long first, int batches, int batchSize) {
        List<List<Entry<String>>> input = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++) {
            input.add(Payloads.entries(first + (long) b * batchSize, batchSize));
        }
        return () -> input.forEach(log::appendDurably);
    }

    /** fsyncs the adapter issued and their mean time, over every round including the warm-up. */
    @Override
    public String detail() {
        LogStorageMetrics m = log.storage.metrics();
        return "timevault_fsyncs=" + m.syncs() + " timevault_fsync_ms_mean="
                + Report.num(m.syncs() == 0 ? 0 : m.syncNanosTotal() / 1e6 / m.syncs()) + " timevault_appended="
                + m.appendedEntries();
    }

    @Override
    public void close() {
        log.close();
    }
}
