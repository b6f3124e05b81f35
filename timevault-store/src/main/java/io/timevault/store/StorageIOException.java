package io.timevault.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An I/O error from the operating system, converted once at the partition boundary. Names the file and the
 * operation. After one of these during a write the partition refuses further writes (see {@link Partition}).
 */
public final class StorageIOException extends TimevaultException {

    private final Path file;

    public StorageIOException(String operation, Path file, IOException cause) {
        super(operation + " failed for " + file + ": " + cause, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized IOException getCause() {
        return (IOException) super.getCause();
    }
}
