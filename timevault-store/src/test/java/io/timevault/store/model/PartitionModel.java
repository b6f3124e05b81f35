package io.timevault.store.model;

import io.timevault.store.StoredRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a partition must hold, as plain lists: the visible records in order, which of them are durable, and the
 * purge point. Unsynced records are forgotten only by {@link #crash(int)}; a clean close keeps them all.
 */
final class PartitionModel {

    /** Outcome the model predicts for an append. */
    enum AppendOutcome { APPENDED, SKIPPED, OUT_OF_ORDER }

    private final boolean logicalPurge;
    private final List<StoredRecord> records = new ArrayList<>();
    private final List<Boolean> durable = new ArrayList<>();
    private Long lastPurgeId;

    PartitionModel(boolean logicalPurge) {
        this.logicalPurge = logicalPurge;
    }

    AppendOutcome append(long key, byte[] bytes) {
        if (lastPurgeId != null && Long.compareUnsigned(key, lastPurgeId) <= 0) {
            return AppendOutcome.OUT_OF_ORDER;
        }
        if (!records.isEmpty()) {
            StoredRecord last = records.get(records.size() - 1);
            if (last.key() == key && Arrays.equals(last.bytes(), bytes)) {
                return AppendOutcome.SKIPPED;
            }
            if (Long.compareUnsigned(key, last.key()) < 0) {
                return AppendOutcome.OUT_OF_ORDER;
            }
        }
        records.add(new StoredRecord(key, bytes.clone()));
        durable.add(false);
        return AppendOutcome.APPENDED;
    }

    /**
     * A batch: the outcome of each record in order, or OUT_OF_ORDER for the whole batch (nothing appended) when any
     * record would be refused.
     */
    List<AppendOutcome> appendAll(List<StoredRecord> batch) {
        PartitionModel trial = copy();
        List<AppendOutcome> outcomes = new ArrayList<>();
        for (StoredRecord r : batch) {
            AppendOutcome o = trial.append(r.key(), r.bytes());
            if (o == AppendOutcome.OUT_OF_ORDER) {
                return List.of(AppendOutcome.OUT_OF_ORDER);
            }
            outcomes.add(o);
        }
        for (StoredRecord r : batch) {
            append(r.key(), r.bytes());
        }
        return outcomes;
    }

    private PartitionModel copy() {
        PartitionModel m = new PartitionModel(logicalPurge);
        m.records.addAll(records);
        m.durable.addAll(durable);
        m.lastPurgeId = lastPurgeId;
        return m;
    }

    void sync() {
        durable.replaceAll(d -> true);
    }

    void purge(long cutoff) {
        if (lastPurgeId != null && Long.compareUnsigned(cutoff, lastPurgeId) <= 0) {
            return;
        }
        lastPurgeId = cutoff;
        if (!logicalPurge) {
            removeIf(k -> Long.compareUnsigned(k, cutoff) <= 0);
        }
    }

    void truncate(long cutoff) {
        removeIf(k -> Long.compareUnsigned(k, cutoff) >= 0);
    }

    private void removeIf(java.util.function.LongPredicate p) {
        for (int i = records.size() - 1; i >= 0; i--) {
            if (p.test(records.get(i).key())) {
                records.remove(i);
                durable.remove(i);
            }
        }
    }

    /** Number of records appended since the last sync (always the tail of the list). */
    int unsynced() {
        int n = 0;
        for (int i = durable.size() - 1; i >= 0 && !durable.get(i); i--) {
            n++;
        }
        return n;
    }

    /** A crash lost the last {@code lost} records (never more than {@link #unsynced()}); the rest is on disk now. */
    void crash(int lost) {
        if (lost > unsynced()) {
            throw new IllegalArgumentException("a crash can not lose synced records");
        }
        for (int i = 0; i < lost; i++) {
            records.remove(records.size() - 1);
            durable.remove(durable.size() - 1);
        }
        sync();
    }

    List<StoredRecord> records() {
        return List.copyOf(records);
    }

    List<StoredRecord> range(long from, long to) {
        List<StoredRecord> out = new ArrayList<>();
        for (StoredRecord r : records) {
            if (Long.compareUnsigned(r.key(), from) >= 0 && Long.compareUnsigned(r.key(), to) <= 0) {
                out.add(r);
            }
        }
        return out;
    }

    Optional<StoredRecord> lastRecord() {
        if (records.isEmpty()) {
            return Optional.empty();
        }
        StoredRecord last = records.get(records.size() - 1);
        if (!logicalPurge && lastPurgeId != null && Long.compareUnsigned(last.key(), lastPurgeId) <= 0) {
            return Optional.empty();
        }
        return Optional.of(last);
    }

    OptionalLong lastPurgeId() {
        return lastPurgeId == null ? OptionalLong.empty() : OptionalLong.of(lastPurgeId);
    }

    /** The smallest key an append may use without being refused (ignoring the identical-repeat rule). */
    long floor() {
        long f = lastPurgeId == null ? 0 : lastPurgeId + 1;
        if (!records.isEmpty() && Long.compareUnsigned(records.get(records.size() - 1).key(), f) > 0) {
            f = records.get(records.size() - 1).key();
        }
        return f;
    }

    boolean isEmpty() {
        return records.isEmpty();
    }
}
