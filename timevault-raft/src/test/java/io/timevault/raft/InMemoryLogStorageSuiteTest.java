package io.timevault.raft;

/** The contract suite against the in-memory reference model. */
class InMemoryLogStorageSuiteTest extends RaftLogStorageSuite<String> {

    @Override
    protected RaftLogStorage<String> newStorage() {
        return new InMemoryLogStorage<>();
    }

    @Override
    public String sampleData(long index) {
        return "command-" + index;
    }
}
