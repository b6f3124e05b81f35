package io.timevault.raft.jraft;

import static io.timevault.raft.jraft.LogEntries.data;
import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.sofa.jraft.FSMCaller;
import com.alipay.sofa.jraft.core.NodeMetrics;
import com.alipay.sofa.jraft.entity.LogEntry;
import com.alipay.sofa.jraft.entity.RaftOutter.SnapshotMeta;
import com.alipay.sofa.jraft.entity.codec.v2.LogEntryV2CodecFactory;
import com.alipay.sofa.jraft.option.LogManagerOptions;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.storage.impl.LogManagerImpl;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code reset} is crash-safe: whichever step a crash interrupts it at, the next start — jraft's own log manager
 * opening the log, then loading the snapshot that made the node reset — ends with a consistent log that continues
 * right after the snapshot.
 *
 * <p>Setup: entries 1..10 in term 1, purged up to 2; a snapshot at index 6 in term 2 conflicts with entry 6, so jraft
 * calls {@code reset(7)}.
 */
class ResetCrashPhasesTest {

    private static final long SNAPSHOT_INDEX = 6;
    private static final long SNAPSHOT_TERM = 2;

    @TempDir
    Path dir;

    enum CrashPoint {
        /** Before reset ran at all: the log still holds the conflicting entry. */
        BEFORE_RESET,
        /** After every entry was truncated, before the purge point moved. */
        AFTER_TRUNCATE,
        /** After reset completed. */
        AFTER_RESET
    }

    @ParameterizedTest
    @EnumSource(CrashPoint.class)
    void theNextStartLoadsTheSnapshotIntoAConsistentLog(CrashPoint crash) {
        try (StorageFixture before = new StorageFixture(dir)) {
            TimevaultJRaftLogStorage log = before.initialized();
            List<LogEntry> entries = new ArrayList<>();
            for (long i = 1; i <= 10; i++) {
                entries.add(data(i, 1, "e" + i));
            }
            assertThat(log.appendEntries(entries)).isEqualTo(10);
            assertThat(log.truncatePrefix(3)).isTrue();
            switch (crash) {
                case BEFORE_RESET -> { }
                case AFTER_TRUNCATE -> {
                    FaultPoints.arm(FaultPoints.RESET_AFTER_TRUNCATE, () -> {
                        throw new IllegalStateException("crash");
                    });
                    try {
                        assertThat(log.reset(SNAPSHOT_INDEX + 1)).isFalse();
                    } finally {
                        FaultPoints.disarm(FaultPoints.RESET_AFTER_TRUNCATE);
                    }
                    assertThat(log.getLastLogIndex()).as("truncated, not purged").isEqualTo(2);
                }
                case AFTER_RESET -> assertThat(log.reset(SNAPSHOT_INDEX + 1)).isTrue();
            }
        }

        try (StorageFixture after = new StorageFixture(dir)) {
            List<String> errors = Collections.synchronizedList(new ArrayList<>());
            LogManagerImpl manager = new LogManagerImpl();
            assertThat(manager.init(options(after.storage, after, errors))).isTrue();

            manager.setSnapshot(SnapshotMeta.newBuilder().setLastIncludedIndex(SNAPSHOT_INDEX)
                    .setLastIncludedTerm(SNAPSHOT_TERM).addPeers("127.0.0.1:8081").build());

            assertThat(manager.checkConsistency().isOk()).as(manager.checkConsistency().toString()).isTrue();
            assertThat(manager.getFirstLogIndex()).isEqualTo(SNAPSHOT_INDEX + 1);
            assertThat(manager.getLastLogIndex()).isEqualTo(SNAPSHOT_INDEX);
            manager.shutdown();
            try {
                manager.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            assertThat(errors).isEmpty();
            assertThat(after.storage.getFirstLogIndex()).isEqualTo(SNAPSHOT_INDEX + 1);
            assertThat(after.storage.getLastLogIndex()).isEqualTo(SNAPSHOT_INDEX);
            assertThat(after.storage.appendEntry(data(SNAPSHOT_INDEX + 1, 3, "next"))).isTrue();
        }
    }

    /** What a node gives its log manager, with a state machine caller that only records reported errors. */
    private static LogManagerOptions options(TimevaultJRaftLogStorage storage, StorageFixture fixture, List<String> errors) {
        LogManagerOptions options = new LogManagerOptions();
        options.setGroupId(StorageFixture.GROUP);
        options.setLogStorage(storage);
        options.setConfigurationManager(fixture.configurations);
        options.setNodeMetrics(new NodeMetrics(false));
        options.setRaftOptions(new RaftOptions());
        options.setLogEntryCodecFactory(LogEntryV2CodecFactory.getInstance());
        options.setFsmCaller((FSMCaller) Proxy.newProxyInstance(FSMCaller.class.getClassLoader(),
                new Class<?>[] {FSMCaller.class}, (proxy, method, args) -> {
                    if (method.getName().equals("onError")) {
                        errors.add(String.valueOf(args[0]));
                    }
                    Class<?> type = method.getReturnType();
                    return type == boolean.class ? Boolean.TRUE : type == long.class ? 0L : null;
                }));
        return options;
    }
}
