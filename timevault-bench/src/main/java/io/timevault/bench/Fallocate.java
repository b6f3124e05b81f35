package io.timevault.bench;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code fallocate(2)} with {@code FALLOC_FL_KEEP_SIZE} through JNA (the store already depends on JNA): reserves
 * disk blocks for a file without changing its size, so later appends need no block allocation. Blocks belong to
 * the inode, so a short-lived descriptor of our own is enough; the file's writers keep their own channel.
 */
final class Fallocate {

    private static final int O_WRONLY = 1;
    private static final int FALLOC_FL_KEEP_SIZE = 1;

    interface LibC extends Library {
        int open(String path, int flags);

        int fallocate(int fd, int mode, long offset, long length);

        int close(int fd);
    }

    private static final LibC LIBC = Native.load("c", LibC.class);

    private Fallocate() {
    }

    /** Reserves {@code [offset, offset + length)} of {@code file}; its size stays what it was. */
    static void keepSize(Path file, long offset, long length) throws IOException {
        int fd = LIBC.open(file.toString(), O_WRONLY);
        if (fd < 0) {
            throw new IOException("open(2) of " + file + " failed, errno " + Native.getLastError());
        }
        try {
            if (LIBC.fallocate(fd, FALLOC_FL_KEEP_SIZE, offset, length) != 0) {
                throw new IOException("fallocate(2) of " + file + " failed, errno " + Native.getLastError());
            }
        } finally {
            LIBC.close(fd);
        }
    }
}
