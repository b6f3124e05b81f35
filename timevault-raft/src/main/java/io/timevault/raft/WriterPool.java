package io.timevault.raft;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every log writer of this JVM runs on: {@link #THREADS} at most, whatever the number of logs (a node
 * with 1,000 Raft groups has 1,000 logs). Each {@link LogWriter} runs its commands in order, one turn at a time on
 * one of these threads, so logs with work ready at the same moment write and fsync in parallel, up to the pool's
 * size. Threads are daemons named {@code timevault-raft-writer-<n>}, started on demand and ended after a minute
 * idle.
 */
final class WriterPool {

    /** Enough to keep a disk's queue busy with fsyncs of different partitions; independent of the log count. */
    static final int THREADS = 8;

    private static final AtomicInteger NUMBER = new AtomicInteger();
    private static final ThreadLocal<Boolean> WRITER = ThreadLocal.withInitial(() -> false);
    private static final ThreadPoolExecutor EXECUTOR = executor();

    private WriterPool() {
    }

    private static ThreadPoolExecutor executor() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread t = new Thread(() -> {
                        WRITER.set(true);
                        task.run();
                    }, "timevault-raft-writer-" + NUMBER.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** Runs one turn of a writer. */
    static void execute(Runnable turn) {
        EXECUTOR.execute(turn);
    }

    /**
     * Whether the calling thread is a writer thread: a write from one (from inside a {@code LogFlushed} callback)
     * would wait for a thread of this pool, possibly itself, so it is refused.
     */
    static boolean onWriterThread() {
        return WRITER.get();
    }
}
