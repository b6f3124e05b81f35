package io.timevault.raft;

/** What the storage was doing when a {@link StorageException} happened (OpenRaft's {@code ErrorVerb}). */
public enum ErrorVerb {
    READ("Read"), WRITE("Write"), SEEK("Seek"), DELETE("Delete");

    private final String display;

    ErrorVerb(String display) {
        this.display = display;
    }

    @Override
    public String toString() {
        return display;
    }
}
