package io.timevault.raft;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The contract suite for any {@link RaftLogStorage}: OpenRaft 0.9.21's log-storage conformance tests
 * ({@link OpenRaftLogTests}), the quirks it relies on ({@link OddCaseTests}) and the contract points it leaves out
 * ({@link ContractExtraTests}). Extend it with one factory method; each test gets a fresh, empty storage, closed
 * afterwards:
 *
 * <pre>{@code
 * class MyLogStorageTest extends RaftLogStorageSuite<String> {
 *     @TempDir Path dir;
 *     protected RaftLogStorage<String> newStorage() { return MyLogStorage.open(dir); }
 * }
 * }</pre>
 *
 * <p>Override {@link #sampleData(long)} to run the Normal-entry tests, and {@link #purgeGracePeriod()} if purge
 * deletes in the background (OpenRaft's suite waits 1 s).
 *
 * @param <D> the application data type of the storage under test
 */
public abstract class RaftLogStorageSuite<D>
        implements OpenRaftLogTests<D>, OddCaseTests<D>, ContractExtraTests<D> {

    private RaftLogStorage<D> storage;

    /** A fresh, empty storage. Called once before each test. */
    protected abstract RaftLogStorage<D> newStorage() throws Exception;

    @BeforeEach
    final void createStorage() throws Exception {
        storage = newStorage();
    }

    @AfterEach
    final void closeStorage() {
        if (storage != null) {
            storage.close();
        }
    }

    @Override
    public final RaftLogStorage<D> storage() {
        return storage;
    }

    /** No Normal entries by default: the suite cannot make up application data. */
    @Override
    public D sampleData(long index) {
        return null;
    }

    /** Zero by default: both reference implementations purge before {@code purge} returns. */
    @Override
    public Duration purgeGracePeriod() {
        return Duration.ZERO;
    }
}
