package io.timevault.cli;

import io.timevault.store.CorruptFileException;
import io.timevault.store.MissingFileException;
import io.timevault.store.PartitionRepair;
import io.timevault.store.StoreLockedException;
import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code timevault repair <root> <partition> [--dry-run]}: rebuilds index files and the manifest from the chunks,
 * completes a pending purge, cuts a torn tail (keeping its {@code .broken-<offset>} copy), removes leftovers
 * ({@link PartitionRepair}). Takes the store's lock: refuses a store a writer holds.
 */
@Command(name = "repair", mixinStandardHelpOptions = true,
        description = "Repair one partition: rebuild index files and the manifest from the chunks, complete a pending"
                + " purge, cut a torn tail (keeping <chunk>.broken-<offset>), remove leftovers. Takes the store's lock:"
                + " never runs beside a writer. Damaged durable data is reported (exit 1), never repaired over.")
final class RepairCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ROOT", description = "The store root (timevault.raft.root).")
    Path root;

    @Parameters(index = "1", paramLabel = "PARTITION",
            description = "Partition UUID, its directory, or the name of a log of a Spring application.")
    String partition;

    @Option(names = "--dry-run", description = "Say what would be done; write nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(root.resolve("partitions"))) {
            throw new IllegalArgumentException(root + " is not a timevault store (no partitions/ directory)");
        }
        TimevaultStore store;
        try {
            store = TimevaultStore.open(root, StoreOptions.DEFAULTS);
        } catch (StoreLockedException e) {
            err.println("timevault: refusing to repair: " + e.getMessage() + ". Stop the application first.");
            return TimevaultCli.ERROR;
        }
        try (store) {
            UUID id = StoreRoot.partition(store, partition);
            List<String> actions;
            try {
                actions = PartitionRepair.repair(store, id, dryRun);
            } catch (CorruptFileException | MissingFileException e) {
                err.println("timevault: cannot repair " + id + ": " + e.getMessage());
                err.println("  durable data is damaged or lost; restore the partition from a replica or a backup");
                return TimevaultCli.FINDINGS;
            }
            String verb = dryRun ? "would repair" : "repaired";
            if (actions.isEmpty()) {
                out.println(id + ": nothing to repair");
            } else {
                out.println(id + ": " + verb + ":");
                actions.forEach(a -> out.println("  " + a));
            }
        }
        out.flush();
        return TimevaultCli.OK;
    }
}
