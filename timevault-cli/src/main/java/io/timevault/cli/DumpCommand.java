package io.timevault.cli;

import io.timevault.store.Partition;
import io.timevault.store.StoredRecord;
import io.timevault.store.TimevaultStore;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code timevault dump <root> <partition>}: the records, one JSON object per line (jq-friendly). */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Print the records of a partition, one JSON object per line, as stored (or decoded as Raft"
                + " entries with --raft). Read-only.")
final class DumpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ROOT", description = "The store root (timevault.raft.root).")
    Path root;

    @Parameters(index = "1", paramLabel = "PARTITION",
            description = "Partition UUID, its directory, or the name of a log of a Spring application.")
    String partition;

    @Option(names = "--from", paramLabel = "K", description = "Smallest key (unsigned, inclusive; default 0).")
    String from = "0";

    @Option(names = "--to", paramLabel = "K", description = "Largest key (unsigned, inclusive; default the largest).")
    String to = "18446744073709551615";

    @Option(names = "--raft", description = "Decode Raft records: {\"index\",\"term\",\"node_id\",\"kind\",\"payload\"}.")
    boolean raft;

    @Override
    public Integer call() {
        long lo = Long.parseUnsignedLong(from);
        long hi = Long.parseUnsignedLong(to);
        PrintWriter writer = spec.commandLine().getOut();
        try (TimevaultStore store = StoreRoot.openReadOnly(root);
                Partition p = store.openPartition(StoreRoot.partition(store, partition))) {
            StringBuilder line = new StringBuilder(256);
            p.scan(lo, hi, r -> {
                line.setLength(0);
                line.append(raft ? RaftRecords.decode(r.bytes()).toString() : text(r));
                writer.println(line);
            });
        }
        writer.flush();
        return TimevaultCli.OK;
    }

    /** The stored record without its line feed (records are one JSON object + LF). */
    private static String text(StoredRecord r) {
        byte[] b = r.bytes();
        int n = b.length > 0 && b[b.length - 1] == '\n' ? b.length - 1 : b.length;
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }
}
