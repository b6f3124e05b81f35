package io.timevault.store;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's write lock: {@code <root>/.timevault.write.lock}, held with a non-blocking exclusive
 * {@code flock(2)} for the life of the store, content {@code pid=<pid>\n} (spec §1.4).
 *
 * <p>Why flock through JNA: {@code FileChannel.tryLock} takes POSIX {@code fcntl} record locks, which do not
 * conflict with timevault-rs's {@code flock}, and which a second open in the same JVM reports differently. A
 * {@code flock} on its own open file description excludes another store in this JVM, another JVM and a Rust
 * process alike. Where the C library can not be loaded (non-Linux/BSD platforms) we fall back to
 * {@code FileChannel.tryLock} and log that Rust processes are not excluded.
 */
final class StoreLock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreLock.class);
    private static final int LOCK_EX = 2;
    private static final int LOCK_NB = 4;
    private static final int O_RDWR = 2;
    private static final int O_CREAT = 0100;
    private static final int O_CLOEXEC = 02000000;

    /** The few libc calls we need. */
    interface LibC extends Library {
        int open(String path, int flags, int mode);

        int flock(int fd, int operation);

        int close(int fd);
    }

    private static final LibC LIBC = loadLibC();

    private final Path file;
    private final int fd;
    private final FileChannel fallback;
    private final java.nio.channels.FileLock fallbackLock;

    private StoreLock(Path file, int fd, FileChannel fallback, java.nio.channels.FileLock fallbackLock) {
        this.file = file;
        this.fd = fd;
        this.fallback = fallback;
        this.fallbackLock = fallbackLock;
    }

    private static LibC loadLibC() {
        try {
            return Native.load("c", LibC.class);
        } catch (Throwable t) {
            log.warn("cannot load libc through JNA ({}); the store lock falls back to fcntl locks, which do not exclude"
                    + " timevault-rs processes", t.toString());
            return null;
        }
    }

    static StoreLock acquire(Path file) {
        StoreLock lock = LIBC != null ? flock(file) : fcntl(file);
        try {
            writePid(file);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        return lock;
    }

    private static StoreLock flock(Path file) {
        int fd = LIBC.open(file.toAbsolutePath().toString(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0) {
            throw new StorageIOException("open lock file", file, new IOException("open(2) failed, errno " + Native.getLastError()));
        }
        if (LIBC.flock(fd, LOCK_EX | LOCK_NB) != 0) {
            int errno = Native.getLastError();
            LIBC.close(fd);
            throw new StoreLockedException(file, "flock errno " + errno);
        }
        return new StoreLock(file, fd, null, null);
    }

    private static StoreLock fcntl(Path file) {
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            java.nio.channels.FileLock l = ch.tryLock();
            if (l == null) {
                ch.close();
                throw new StoreLockedException(file, "held by another process");
            }
            return new StoreLock(file, -1, ch, l);
        } catch (java.nio.channels.OverlappingFileLockException e) {
            closeQuietly(ch);
            throw new StoreLockedException(file, "held in this JVM");
        } catch (IOException e) {
            closeQuietly(ch);
            throw new StorageIOException("lock", file, e);
        }
    }

    private static void writePid(Path file) {
        byte[] content = ("pid=" + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(0);
            DurableFiles.writeFully(ch, ByteBuffer.wrap(content), 0);
            ch.force(true);
        } catch (IOException e) {
            throw new StorageIOException("write pid to", file, e);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // the lock was not taken
            }
        }
    }

    @Override
    public void close() {
        if (fd >= 0) {
            LIBC.close(fd);
        } else {
            try {
                fallbackLock.release();
            } catch (IOException ignored) {
                // closing the channel releases it too
            }
            closeQuietly(fallback);
        }
    }

    @Override
    public String toString() {
        return "StoreLock[" + file + "]";
    }
}
