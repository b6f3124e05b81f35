package io.timevault.store;

import java.nio.file.Path;

/** Another writer (this JVM, another JVM or a timevault-rs process) holds the store's write lock. */
public final class StoreLockedException extends TimevaultException {

    private final Path lockFile;

    public StoreLockedException(Path lockFile, String detail) {
        super("store already open for writing: " + lockFile + " is locked" + (detail == null ? "" : " (" + detail + ")"));
        this.lockFile = lockFile;
    }

    public Path lockFile() {
        return lockFile;
    }
}
