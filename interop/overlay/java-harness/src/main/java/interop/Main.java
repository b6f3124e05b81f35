package interop;

import io.timevault.store.Partition;
import io.timevault.store.PartitionConfig;
import io.timevault.store.RecoveryReport;
import io.timevault.store.StoreOptions;
import io.timevault.store.StoredRecord;
import io.timevault.store.TimevaultStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Interop harness over io.timevault.store (public API only). Same commands and output as ../rust-harness:
 * <pre>
 *   create   root uuid [chunk_max_bytes] [index_max_records]
 *   append   root uuid from to          keys from..=to
 *   write    root uuid n [chunk_max_bytes] [index_max_records]   = create + append 1..=n
 *   purge    root uuid cutoff
 *   truncate root uuid cutoff
 *   read     root uuid [ro|rw]          readRange(0, 2^64-1), one line per record, then last/metadata
 *   hold     root uuid millis           open the store for writing (takes its lock), print "locked", sleep
 * </pre>
 * Records are byte-identical to timevault-rs's jsonl plugin encode(): {"payload":"value-k","timestamp":k}\n
 *
 * <p>Project overlay (timevault-raft interop/overlay): {@code create} and {@code write} also take options after the
 * numbers, plugin=jsonl|jsonl_struct and logical_purge=true|false. A jsonl_struct record is the bytes the crate's
 * jsonl_struct encode() gives for {"name":"value-k","value":k}: {"name":"value-k","timestamp":k,"value":k}\n.
 */
public final class Main {

    public static void main(String[] a) {
        try {
            run(a);
        } catch (RuntimeException e) {
            System.out.flush();
            System.err.println("java: " + (a.length > 0 ? a[0] : "?") + " failed: " + e);
            Throwable c = e.getCause();
            while (c != null) {
                System.err.println("  caused by: " + c);
                c = c.getCause();
            }
            System.exit(1);
        }
    }

    static byte[] encode(long k, String plugin) {
        String key = Long.toUnsignedString(k);
        String line = plugin.equals("jsonl_struct")
                ? "{\"name\":\"value-" + key + "\",\"timestamp\":" + key + ",\"value\":" + key + "}\n"
                : "{\"payload\":\"value-" + key + "\",\"timestamp\":" + key + "}\n";
        return line.getBytes(StandardCharsets.UTF_8);
    }

    /** The arguments without the key=value options; the options go to {@code opts}. */
    static String[] splitOptions(String[] a, Map<String, String> opts) {
        List<String> rest = new ArrayList<>();
        for (String s : a) {
            int eq = s.indexOf('=');
            if (eq < 0) {
                rest.add(s);
            } else if (opts.containsKey(s.substring(0, eq))) {
                opts.put(s.substring(0, eq), s.substring(eq + 1));
            } else {
                throw new IllegalArgumentException("unknown option " + s);
            }
        }
        return rest.toArray(new String[0]);
    }

    static long num(String[] a, int i, long dflt) {
        return a.length > i ? Long.parseUnsignedLong(a[i]) : dflt;
    }

    static void append(Partition p, long from, long to) {
        String plugin = p.config().formatPlugin();
        for (long k = from; Long.compareUnsigned(k, to) <= 0; k++) {
            p.append(k, encode(k, plugin));
            if (k == -1L) {
                break;
            }
        }
    }

    static Partition create(TimevaultStore s, UUID id, long maxBytes, long maxRecords, Map<String, String> opts) {
        PartitionConfig cfg = PartitionConfig.defaults()
                .withFormatPlugin(opts.get("plugin"))
                .withLogicalPurge(Boolean.parseBoolean(opts.get("logical_purge")))
                .withChunkRoll(maxBytes, PartitionConfig.DEFAULT_CHUNK_MAX_HOURS)
                .withIndex((int) maxRecords, PartitionConfig.DEFAULT_INDEX_MAX_HOURS);
        return s.createPartition(id, cfg);
    }

    static void report(Partition p) {
        RecoveryReport r = p.recoveryReport();
        if (!r.clean()) {
            System.err.println("java: recovery report: " + r.repairs());
        }
    }

    static void run(String[] args) {
        Map<String, String> opts = new HashMap<>(Map.of("plugin", "jsonl", "logical_purge", "false"));
        String[] a = splitOptions(args, opts);
        if (a.length < 3) {
            System.err.println("usage: Main create|append|write|purge|truncate|read root uuid ...");
            System.exit(2);
        }
        String cmd = a[0];
        Path root = Path.of(a[1]);
        UUID id = UUID.fromString(a[2]);
        switch (cmd) {
            case "create" -> {
                try (TimevaultStore s = TimevaultStore.open(root, StoreOptions.DEFAULTS)) {
                    create(s, id, num(a, 3, PartitionConfig.DEFAULT_CHUNK_MAX_BYTES), num(a, 4, PartitionConfig.DEFAULT_INDEX_MAX_RECORDS), opts);
                }
            }
            case "write" -> {
                long n = num(a, 3, 0);
                try (TimevaultStore s = TimevaultStore.open(root, StoreOptions.DEFAULTS)) {
                    Partition p = create(s, id, num(a, 4, PartitionConfig.DEFAULT_CHUNK_MAX_BYTES), num(a, 5, PartitionConfig.DEFAULT_INDEX_MAX_RECORDS), opts);
                    if (n > 0) {
                        append(p, 1, n);
                    }
                }
            }
            case "append" -> {
                try (TimevaultStore s = TimevaultStore.open(root, StoreOptions.DEFAULTS)) {
                    Partition p = s.openPartition(id);
                    report(p);
                    append(p, num(a, 3, 0), num(a, 4, 0));
                }
            }
            case "purge" -> {
                try (TimevaultStore s = TimevaultStore.open(root, StoreOptions.DEFAULTS)) {
                    Partition p = s.openPartition(id);
                    report(p);
                    p.purge(num(a, 3, 0));
                }
            }
            case "truncate" -> {
                try (TimevaultStore s = TimevaultStore.open(root, StoreOptions.DEFAULTS)) {
                    Partition p = s.openPartition(id);
                    report(p);
                    p.truncate(num(a, 3, 0));
                }
            }
            case "read" -> {
                boolean ro = a.length <= 3 || a[3].equals("ro");
                try (TimevaultStore s = TimevaultStore.open(root, ro ? StoreOptions.READ_ONLY : StoreOptions.DEFAULTS)) {
                    Partition p = s.openPartition(id);
                    report(p);
                    List<StoredRecord> recs = p.readRange(0, -1L);
                    StringBuilder out = new StringBuilder();
                    for (StoredRecord r : recs) {
                        out.append("record ").append(strip(r.text())).append('\n');
                    }
                    out.append("count ").append(recs.size()).append('\n');
                    out.append("last ").append(p.lastRecord().map(r -> strip(r.text())).orElse("-")).append('\n');
                    out.append("last_purge_id ").append(p.lastPurgeId().isPresent()
                            ? Long.toUnsignedString(p.lastPurgeId().getAsLong()) : "null").append('\n');
                    PartitionConfig c = p.config();
                    out.append("config plugin=").append(c.formatPlugin())
                            .append(" chunk_max_bytes=").append(Long.toUnsignedString(c.chunkRoll().maxBytes()))
                            .append(" chunk_max_hours=").append(Long.toUnsignedString(c.chunkRoll().maxHours()))
                            .append(" index_max_records=").append(Integer.toUnsignedString(c.index().maxRecords()))
                            .append(" index_max_hours=").append(Long.toUnsignedString(c.index().maxHours()))
                            .append(" key_is_timestamp=").append(c.keyIsTimestamp())
                            .append(" logical_purge=").append(c.logicalPurge()).append('\n');
                    System.out.print(out);
                    System.out.flush();
                }
            }
            case "hold" -> {
                try (TimevaultStore s = TimevaultStore.open(root, StoreOptions.DEFAULTS)) {
                    System.out.println("locked");
                    System.out.flush();
                    try {
                        Thread.sleep(num(a, 3, 0));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            default -> {
                System.err.println("unknown command " + cmd);
                System.exit(2);
            }
        }
    }

    static String strip(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
