package io.timevault.store.crash;

import io.timevault.store.Partition;
import io.timevault.store.PartitionConfig;
import io.timevault.store.StoreOptions;
import io.timevault.store.StoredRecord;
import io.timevault.store.TimevaultStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;

/**
 * Child-JVM main for {@link CrashKillTest}: opens (or creates) the partition, prints {@code ready <next key>}, then
 * forever appends batches of 1–20 records with consecutive keys and syncs, printing {@code synced <last key>} after
 * every successful sync. It is killed with SIGKILL; it never closes the store.
 */
public final class CrashWriterMain {

    static final UUID ID = UUID.fromString("c4a5c4a5-0000-4000-8000-00000000dead");
    /** Small chunks (≈ 60 records) and blocks of 8 so that kills land in rolls and index writes too. */
    static final PartitionConfig CONFIG = PartitionConfig.defaults().withChunkRoll(4096, 0).withIndex(8, 0);

    private CrashWriterMain() {
    }

    /** The record for a key: its length varies with the key so records straddle buffer and block boundaries. */
    static byte[] record(long key) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < key % 37; i++) {
            sb.append((char) ('a' + (key + i) % 26));
        }
        return ("{\"payload\":\"" + sb + "\",\"timestamp\":" + key + "}\n").getBytes(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        Random rnd = new Random(Long.parseLong(args[1]));
        TimevaultStore store = TimevaultStore.open(root, StoreOptions.DEFAULTS);
        Partition p = store.openOrCreatePartition(ID, CONFIG);
        long next = p.lastRecord().map(StoredRecord::key).orElse(0L) + 1;
        System.out.println("ready " + next);
        System.out.flush();
        while (true) {
            int batch = 1 + rnd.nextInt(20);
            for (int i = 0; i < batch; i++) {
                p.append(next, record(next));
                next++;
            }
            p.sync();
            System.out.println("synced " + (next - 1));
            System.out.flush();
        }
    }
}
