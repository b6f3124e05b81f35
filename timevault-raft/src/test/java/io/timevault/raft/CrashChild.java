package io.timevault.raft;

import io.timevault.store.PartitionConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The process {@link CrashRecoveryTest} kills. Opens the log under {@code args[0]} (partition config
 * {@link #CONFIG}), continues it after its last entry with leader term {@code args[1]}, and writes until killed:
 * appends of 1–16 entries, a vote now and then, a purge of all but the last 100 entries now and then. It prints,
 * flushing each line:
 * <ul>
 *   <li>{@code READY <next index>} once the log is open;
 *   <li>{@code ACK <last index>} when an append's callback reported success (the entries are durable);
 *   <li>{@code VOTE <term> <node>} when saveVote returned;
 *   <li>{@code PURGED <index>} when purge returned.
 * </ul>
 * Entry data is a function of the index alone ({@link #data(long)}), so the parent can check contents.
 */
public final class CrashChild {

    /** Small chunks and index blocks, so that kills also land in rolls and multi-chunk purges. */
    static final PartitionConfig CONFIG = PartitionConfig.defaults().withChunkRoll(64 * 1024, 0).withIndex(16, 0);

    private CrashChild() {
    }

    static String data(long index) {
        return "entry-" + index;
    }

    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        long term = Long.parseLong(args[1]);
        Random random = new Random(Long.parseLong(args[2]));
        PrintStream out = System.out;
        TestLog log = TestLog.open(root, CONFIG, LogStorageOptions.DEFAULTS);
        RaftLogStorage<String> storage = log.storage;
        long next = LogId.nextIndex(storage.getLogState().lastLogId());
        say(out, "READY " + next);
        long votes = 0;
        for (long call = 0; ; call++) {
            int count = 1 + random.nextInt(16);
            List<Entry<String>> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                entries.add(Entry.normal(LogId.of(term, 0, next + i), data(next + i)));
            }
            long last = next + count - 1;
            storage.append(entries, error -> {
                if (error == null) {
                    say(out, "ACK " + last);
                }
            });
            next = last + 1;
            if (call % 5 == 2) {
                votes++;
                storage.saveVote(Vote.of(term, votes));
                say(out, "VOTE " + term + " " + votes);
            }
            if (call % 8 == 7) {
                LogState state = storage.getLogState();
                long upTo = next - 100;
                long purged = state.lastPurgedLogId() == null ? -1 : state.lastPurgedLogId().index();
                if (upTo > purged && upTo > 0) {
                    storage.purge(storage.getLogId(upTo));
                    say(out, "PURGED " + upTo);
                }
            }
        }
    }

    private static void say(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
