package io.timevault.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The benchmark command ({@code scripts/bench.sh} runs it). Every figure is a ratio against a baseline measured in
 * the same run, so a noisy 2-core machine moves both sides; see docs/benchmarks.md for what each one measures.
 *
 * <pre>
 * BenchMain [--quick] [--only append,heap,open,read,purge,catchup,cluster,groups] [--dir PATH]
 * </pre>
 * {@code --dir} is where the logs are written (default {@code target/bench-data}); it is deleted at the end, also
 * after a failure. Exit status 0 when every figure was measured (met or missed), 1 when one failed to run.
 */
public final class BenchMain {

    static final List<String> FIGURES = List.of("append", "heap", "open", "read", "purge", "catchup", "cluster",
            "groups");

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path dir = Path.of("target", "bench-data");
        Set<String> only = new LinkedHashSet<>(FIGURES);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--dir" -> dir = Path.of(args[++i]);
                case "--only" -> only = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
                default -> usage();
            }
        }
        if (!FIGURES.containsAll(only)) {
            usage();
        }
        BenchConfig config = quick ? BenchConfig.quickRun() : BenchConfig.fullRun();
        Report report = new Report();
        long start = System.nanoTime();
        report.note("mode=" + (quick ? "quick" : "full") + " jdk=" + System.getProperty("java.vm.name") + " "
                + Runtime.version() + " cpus=" + Runtime.getRuntime().availableProcessors() + " bench_xmx_mb="
                + Runtime.getRuntime().maxMemory() / (1024 * 1024));
        boolean failed = false;
        try (BenchDirs dirs = new BenchDirs(dir)) {
            Runtime.getRuntime().addShutdownHook(new Thread(dirs::close, "bench-cleanup"));
            report.note("data dir " + dirs.root() + " (deleted at exit)");
            failed |= !attempt(report, "append", only, () -> new AppendBench(config, report, dirs).run());
            if (only.contains("heap") || only.contains("open") || only.contains("read")) {
                Path big = dirs.fresh("big-log");
                long[] entries = new long[1];
                if (attempt(report, "heap", Set.of("heap"),
                        () -> entries[0] = new HeapBench(config, report).buildBigLog(big))) {
                    failed |= !attempt(report, "open", only, () -> new OpenBench(config, report, dirs).run(big));
                    Path rocks = dirs.fresh("read-rocksdb");
                    failed |= !attempt(report, "read", only,
                            () -> new ReadBench(config, report).run(big, rocks, entries[0]));
                    dirs.delete(rocks);
                } else {
                    failed = true;
                }
                dirs.delete(big);
            }
            failed |= !attempt(report, "purge", only, () -> new PurgeBench(config, report, dirs).run());
            failed |= !attempt(report, "catchup", only, () -> new CatchupBench(config, report, dirs).run());
            failed |= !attempt(report, "cluster", only, () -> new ClusterBench(config, report, dirs).run());
            failed |= !attempt(report, "groups", only, () -> new GroupsBench(config, report, dirs).run());
        }
        report.note("done in " + Report.num((System.nanoTime() - start) / 1e9) + " s; targets missed: "
                + report.missed() + (failed ? "; some figures FAILED to run" : ""));
        System.out.flush();
        System.exit(failed ? 1 : 0); // jraft and bolt leave non-daemon threads behind
    }

    private static void usage() {
        System.err.println("usage: BenchMain [--quick] [--only " + String.join(",", FIGURES) + "] [--dir PATH]");
        System.exit(2);
    }

    /** Runs one figure if selected; a failure is reported and the run goes on with the next figure. */
    private static boolean attempt(Report report, String figure, Set<String> only, Runnable body) {
        if (!only.contains(figure)) {
            return true;
        }
        try {
            body.run();
            return true;
        } catch (RuntimeException | Error e) {
            System.out.println("FAILED " + figure + " " + e);
            e.printStackTrace();
            return false;
        }
    }
}
