package io.timevault.raft.jraft;

import io.timevault.raft.Entry;
import io.timevault.raft.RaftLogReader;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Sequential read-ahead for {@code getEntry}. jraft's replicator reads a lagging follower's entries one
 * {@code getEntry} at a time once they left its memory cache; one store read per entry would pay a block lookup and
 * a read call for every entry. When a read continues the previous one (index {@code i} right after a single read of
 * {@code i - 1}, or at the end of a window), the next {@link #WINDOW} entries are read with one range read and kept
 * decoded; later reads inside a window are served from it. Up to {@link #WINDOWS} windows are kept, one per
 * reader moving through the log (a follower each); a reader's new window replaces the one it finished.
 *
 * <p>Truncation and reset must call {@link #invalidate()} before and after changing the log: a window read before
 * or during the change is then dropped, never installed, and no stale entry is served afterwards. Entries appended
 * after a window was read are not in it (a window holds only what existed), so appends need no invalidation.
 *
 * <p>Thread-safe: {@code getEntry} comes from many threads; reads of the log run outside the lock.
 */
final class ReadAhead {

    /** Entries per read-ahead: with byte-bounded index blocks, a few blocks of large entries or one of small. */
    static final int WINDOW = 32;
    /** Concurrent sequential readers served: a leader's followers. */
    static final int WINDOWS = 4;

    private record Window(long first, List<? extends Entry<?>> entries) {
        long end() {
            return first + entries.size();
        }

        boolean holds(long index) {
            return index - first >= 0 && index < end();
        }
    }

    private final Object lock = new Object();
    private final Window[] windows = new Window[WINDOWS];
    private long generation;
    private long lastSingle = -1;
    private int nextSlot;

    /** The entry at {@code index}, from a window or from {@code log}; empty if it is not in the log. */
    @SuppressWarnings("unchecked")
    <D> Optional<Entry<D>> get(long index, RaftLogReader<D> log) {
        long seen;
        int slot = -1;
        synchronized (lock) {
            for (Window w : windows) {
                if (w != null && w.holds(index)) {
                    return Optional.of((Entry<D>) w.entries().get((int) (index - w.first())));
                }
            }
            seen = generation;
            for (int s = 0; s < WINDOWS; s++) {
                if (windows[s] != null && windows[s].end() == index) {
                    slot = s;
                }
            }
            if (slot < 0 && lastSingle != index - 1) {
                lastSingle = index;
            } else if (slot < 0) {
                slot = nextSlot;
                nextSlot = (nextSlot + 1) % WINDOWS;
            }
        }
        if (slot < 0) {
            return log.tryGetLogEntry(index);
        }
        List<Entry<D>> read = log.tryGetLogEntries(index, index + WINDOW);
        if (read.isEmpty() || read.get(0).index() != index) {
            return Optional.empty();
        }
        boolean contiguous = read.get(read.size() - 1).index() == index + read.size() - 1;
        synchronized (lock) {
            if (contiguous && generation == seen) {
                windows[slot] = new Window(index, read);
            }
        }
        return Optional.of(read.get(0));
    }

    /** Drops every window, and any window being read now. */
    void invalidate() {
        synchronized (lock) {
            generation++;
            lastSingle = -1;
            Arrays.fill(windows, null);
        }
    }
}
