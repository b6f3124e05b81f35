package io.timevault.bench;

import io.timevault.store.PartitionConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Figure 4: the cost of purging half of a 256 MB chunk vs half of a 1 MB chunk, through the adapter
 * ({@code purge(logId)}: {@code raft_purge.json}, then the partition's purge). Each log is one chunk (roll at
 * 2 GB, no time roll), written straight through the partition. Each timed purge runs on a fresh, fsynced copy of the log, opened before the clock starts;
 * big and small alternate; medians. The chunk's size after the purge is reported: the purge must not rewrite it.
 */
final class PurgeBench {

    static final PartitionConfig ONE_CHUNK = PartitionConfig.defaults().withChunkRoll(2_000_000_000L, 0);

    private final BenchConfig config;
    private final Report report;
    private final BenchDirs dirs;

    PurgeBench(BenchConfig config, Report report, BenchDirs dirs) {
        this.config = config;
        this.report = report;
        this.dirs = dirs;
    }

    void run() {
        Path big = build("purge-big-template", config.bigChunkBytes());
        Path small = build("purge-small-template", config.smallChunkBytes());
        int reps = config.purgeRepetitions();
        double[] bigMs = new double[reps];
        double[] smallMs = new double[reps];
        long[] bigChunkAfter = new long[1];
        for (int r = -1; r < reps; r++) { // one warm-up each
            double b = timePurge(big, "purge-big-run", bigChunkAfter);
            double s = timePurge(small, "purge-small-run", new long[1]);
            if (r >= 0) {
                bigMs[r] = b;
                smallMs[r] = s;
            }
        }
        long bigChunkBefore = chunkBytes(big);
        dirs.delete(big);
        dirs.delete(small);
        double b = Stats.median(bigMs);
        double s = Stats.median(smallMs);
        report.raw("purge_half_chunk", "big_ms=" + Report.num(b) + " small_ms=" + Report.num(s) + " big_chunk_bytes="
                + bigChunkBefore + " big_chunk_bytes_after_purge=" + bigChunkAfter[0] + " repetitions=" + reps);
        report.ratioAtMost("purge_big_vs_small_chunk", b / s, 2, "big_ms=" + Report.num(b) + " small_ms="
                + Report.num(s));
    }

    private Path build(String name, long bytes) {
        Path root = dirs.fresh(name);
        TimevaultLog.fillDirect(root, ONE_CHUNK, bytes);
        try (var files = Files.walk(root)) {
            long n = files.filter(p -> p.toString().endsWith(".chunk")).count();
            if (n != 1) {
                throw new IllegalStateException(name + " has " + n + " chunks, expected one");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }

    private double timePurge(Path template, String name, long[] chunkAfter) {
        Path copy = dirs.root().resolve(name);
        BenchDirs.deleteTree(copy);
        BenchDirs.copyTreeDurably(template, copy);
        double ms;
        try (TimevaultLog log = TimevaultLog.open(copy)) {
            long last = log.storage.getLogState().lastLogId().index();
            long middle = (1 + last) / 2;
            long start = System.nanoTime();
            log.storage.purge(TimevaultLog.idAt(middle));
            ms = Stats.millis(System.nanoTime() - start);
        }
        chunkAfter[0] = chunkBytes(copy);
        BenchDirs.deleteTree(copy);
        return ms;
    }

    private static long chunkBytes(Path root) {
        try (var files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".chunk")).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
