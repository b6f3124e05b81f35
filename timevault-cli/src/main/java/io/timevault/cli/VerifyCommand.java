package io.timevault.cli;

import io.timevault.raft.RaftLogFiles;
import io.timevault.raft.RaftRecordException;
import io.timevault.store.Finding;
import io.timevault.store.PartitionCheck;
import io.timevault.store.TimevaultStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code timevault verify <root> [partition]}: reads every file of every partition (or one) and reports each
 * finding with its file and offset ({@link PartitionCheck}), plus the Raft side files. Read-only; exit 1 on any
 * finding.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check every file of a store (or one partition): metadata, manifest against chunks, index"
                + " against chunks, CRC-32C of every block, record framing and order, Raft side files. Read-only;"
                + " works beside a running writer. Exit 1 when anything is found.")
final class VerifyCommand implements Callable<Integer> {

    /** Stores at least this big get a progress bar on stderr (smaller ones finish before it would help). */
    static final long PROGRESS_THRESHOLD = 256L << 20;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ROOT", description = "The store root (timevault.raft.root).")
    Path root;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PARTITION",
            description = "Partition UUID, its directory, or the name of a log; default: every partition.")
    String partition;

    @Option(names = "--progress", negatable = true,
            description = "Progress bar on stderr (default: only for stores over 256 MiB).")
    Boolean progress;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Finding> all = new ArrayList<>();
        try (TimevaultStore store = StoreRoot.openReadOnly(root)) {
            List<UUID> ids = StoreRoot.partitions(store, partition);
            long total = 0;
            for (UUID id : ids) {
                total += chunkBytes(store.partitionDirectory(id));
            }
            boolean bar = progress != null ? progress : total >= PROGRESS_THRESHOLD;
            try (ProgressBar pb = bar ? progressBar(total) : null) {
                LongConsumer done = pb == null ? n -> { } : pb::stepBy;
                for (UUID id : ids) {
                    Path dir = store.partitionDirectory(id);
                    List<Finding> found = new ArrayList<>(PartitionCheck.verify(dir, done));
                    raftFiles(dir, found);
                    if (pb != null) {
                        pb.setExtraMessage(found.isEmpty() ? "" : all.size() + found.size() + " findings");
                    }
                    report(out, id, found);
                    all.addAll(found);
                }
            }
            out.println(all.isEmpty() ? "verified " + ids.size() + " partitions (" + Bytes.human(total) + "): no findings"
                    : "verified " + ids.size() + " partitions (" + Bytes.human(total) + "): " + all.size() + " findings");
        }
        out.flush();
        return all.isEmpty() ? TimevaultCli.OK : TimevaultCli.FINDINGS;
    }

    private static void report(PrintWriter out, UUID id, List<Finding> found) {
        out.println((found.isEmpty() ? "ok       " : "FINDINGS ") + id);
        for (Finding f : found) {
            out.println("  " + f);
        }
    }

    private static void raftFiles(Path dir, List<Finding> found) {
        for (String name : List.of(RaftLogFiles.VOTE_FILE, RaftLogFiles.PURGE_FILE)) {
            try {
                if (name.equals(RaftLogFiles.VOTE_FILE)) {
                    RaftLogFiles.readVote(dir);
                } else {
                    RaftLogFiles.readLastPurged(dir);
                }
            } catch (RaftRecordException e) {
                found.add(new Finding(dir.resolve(name), -1, Finding.Severity.CORRUPT, e.getMessage()));
            }
        }
    }

    private ProgressBar progressBar(long total) {
        return new ProgressBarBuilder().setTaskName("verify").setInitialMax(total).setUnit(" MiB", 1L << 20)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .showSpeed().build();
    }

    private static long chunkBytes(Path dir) {
        Path chunks = dir.resolve("chunks");
        if (!Files.isDirectory(chunks)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(chunks)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".chunk")).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
