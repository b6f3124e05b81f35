package io.timevault.bench;

/**
 * The sizes of one bench run. {@link #quickRun()} is sized to finish, build included, in under 3 minutes on 2 cores;
 * {@link #fullRun()} measures the volumes the figures are named after (1 GiB logs, 256 MB chunks).
 *
 * @param quick              whether this is the {@code --quick} run
 * @param appendRounds       measured rounds per store and batch size (plus one warm-up round each)
 * @param appendEntries      entries appended per round and batch size, indexed like {@link #BATCH_SIZES}
 * @param bigLogBytes        size of the big log for the open, read and heap figures
 * @param smallLogBytes      size of the small log for the open figure
 * @param openRepetitions    timed reopens of each log
 * @param readRepetitions    timed reads of the 1,000-entry span, per reader
 * @param bigChunkBytes      size of the big single-chunk log for the purge figure
 * @param smallChunkBytes    size of the small single-chunk log for the purge figure
 * @param purgeRepetitions   timed purges of each (each on a fresh copy of the log)
 * @param clusterSeconds     client load time per cluster run
 */
record BenchConfig(boolean quick, int appendRounds, int[] appendEntries, long bigLogBytes, long smallLogBytes,
                   int openRepetitions, int readRepetitions, long bigChunkBytes, long smallChunkBytes,
                   int purgeRepetitions, int clusterSeconds) {

    static final int[] BATCH_SIZES = {1, 64, 1024};
    static final long MIB = 1024 * 1024;

    static BenchConfig quickRun() {
        return new BenchConfig(true, 5, new int[] {300, 64 * 120, 1024 * 40}, 256 * MIB, MIB, 7, 400,
                256_000_000L, 1_000_000L, 3, 4);
    }

    static BenchConfig fullRun() {
        return new BenchConfig(false, 7, new int[] {1000, 64 * 400, 1024 * 150}, 1024 * MIB, MIB, 11, 1000,
                256_000_000L, 1_000_000L, 5, 20);
    }

    /** How the big log is named in figure names and notes: "1g" or "256m". */
    String bigLogLabel() {
        return bigLogBytes >= 1024 * MIB ? (bigLogBytes / (1024 * MIB)) + "g" : (bigLogBytes / MIB) + "m";
    }
}
