package io.timevault.raft;

/**
 * What a {@link StorageException} is about (OpenRaft's {@code ErrorSubject}).
 */
public sealed interface ErrorSubject {

    /** The store as a whole (recovery, purge, side files). */
    ErrorSubject STORE = new Store();
    /** The persisted vote. */
    ErrorSubject VOTE = new VoteFile();
    /** The log as a whole (reads, appends, truncation). */
    ErrorSubject LOGS = new Logs();

    /** The store as a whole. */
    record Store() implements ErrorSubject {
        @Override
        public String toString() {
            return "Store";
        }
    }

    /** The persisted vote. */
    record VoteFile() implements ErrorSubject {
        @Override
        public String toString() {
            return "Vote";
        }
    }

    /** The log as a whole. */
    record Logs() implements ErrorSubject {
        @Override
        public String toString() {
            return "Logs";
        }
    }

    /**
     * One entry, by id.
     *
     * @param logId the entry's id
     */
    record Log(LogId logId) implements ErrorSubject {
        @Override
        public String toString() {
            return "Log(" + logId + ")";
        }
    }

    /**
     * One entry, by index only (its id is unknown, e.g. it does not decode).
     *
     * @param index the log index, unsigned
     */
    record LogIndex(long index) implements ErrorSubject {
        @Override
        public String toString() {
            return "LogIndex(" + Long.toUnsignedString(index) + ")";
        }
    }
}
