package io.timevault.store.lifecycle;

import static io.timevault.store.support.Records.U64_MAX;
import static io.timevault.store.support.Records.keys;
import static io.timevault.store.support.Records.range;
import static io.timevault.store.support.Records.rec;
import static io.timevault.store.support.Stores.SPEC_ID;
import static io.timevault.store.support.Stores.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.timevault.store.Partition;
import io.timevault.store.PartitionClosedException;
import io.timevault.store.TimevaultStore;
import io.timevault.store.support.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Handles after close, reopening inside one store, and no file descriptor left open by open/close cycles. */
class LifecycleTest {

    @TempDir
    Path root;

    @Test
    void closedPartitionRefusesWorkAndTheStoreOpensAFreshHandle() {
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.createPartition(SPEC_ID, fixture(150, 2));
            Stores.appendRange(p, 1, 7);
            p.close();
            p.close();
            assertThatExceptionOfType(PartitionClosedException.class).isThrownBy(() -> p.append(8, rec(8)));
            assertThatExceptionOfType(PartitionClosedException.class).isThrownBy(() -> p.readRange(0, 10));
            Partition again = store.openPartition(SPEC_ID);
            assertThat(again).isNotSameAs(p);
            assertThat(again.recoveryReport().clean()).as("%s", again.recoveryReport()).isTrue();
            assertThat(keys(again.readRange(0, U64_MAX))).isEqualTo(range(1, 7));
            again.append(8, rec(8));
        }
    }

    @Test
    void closedStoreClosesItsPartitionsAndRefusesNewWork() {
        TimevaultStore store = Stores.open(root);
        Partition p = store.createPartition(SPEC_ID, fixture(150, 2));
        Stores.appendRange(p, 1, 3);
        store.close();
        store.close();
        assertThatExceptionOfType(PartitionClosedException.class).isThrownBy(() -> p.append(4, rec(4)));
        assertThatExceptionOfType(PartitionClosedException.class).isThrownBy(() -> store.openPartition(SPEC_ID));
        try (TimevaultStore reopened = Stores.open(root)) {
            assertThat(keys(reopened.openPartition(SPEC_ID).readRange(0, U64_MAX))).isEqualTo(range(1, 3));
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void openCloseCyclesLeaveNoFileDescriptorOpen() throws IOException {
        UUID other = UUID.randomUUID();
        for (int warmup = 0; warmup < 2; warmup++) {
            cycle(other, warmup);
        }
        long before = openFds();
        for (int i = 2; i < 30; i++) {
            cycle(other, i);
        }
        assertThat(openFds()).as("open file descriptors after 28 cycles").isLessThanOrEqualTo(before + 3);
    }

    private void cycle(UUID other, int i) {
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openOrCreatePartition(SPEC_ID, fixture(150, 2));
            Partition q = store.openOrCreatePartition(other, fixture(300, 3));
            long base = i * 20L + 1;
            Stores.appendRange(p, base, base + 19);
            Stores.appendRange(q, base, base + 19);
            p.sync();
            assertThat(p.readRange(0, U64_MAX)).isNotEmpty();
            assertThat(q.readRange(base, base + 5)).hasSize(6);
            p.purge(base);
            q.truncate(base + 15);
        }
        try (TimevaultStore ro = Stores.openReadOnly(root)) {
            assertThat(ro.openPartition(SPEC_ID).readRange(0, U64_MAX)).isNotEmpty();
        }
    }

    private static long openFds() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }
}
