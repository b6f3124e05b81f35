package io.timevault.store;

import java.nio.file.Path;

/** A file the manifest or the partition layout requires is absent. */
public final class MissingFileException extends TimevaultException {

    private final Path file;

    public MissingFileException(Path file) {
        super("missing required file: " + file);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
