package io.timevault.store;

import java.nio.file.Path;

/**
 * A file holds bytes the engine cannot interpret and cannot safely repair: a bad record in the middle of a
 * chunk, an unparsable manifest line that is not a torn tail, a malformed {@code metadata.json}. Carries the
 * file and the byte offset of the first bad byte (or -1 when the whole file is at fault).
 */
public final class CorruptFileException extends TimevaultException {

    private final Path file;
    private final long offset;

    public CorruptFileException(Path file, long offset, String reason) {
        this(file, offset, reason, null);
    }

    public CorruptFileException(Path file, long offset, String reason, Throwable cause) {
        super("corrupt file " + file + (offset >= 0 ? " at offset " + offset : "") + ": " + reason, cause);
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    /** Byte offset of the problem, or -1 when it concerns the whole file. */
    public long offset() {
        return offset;
    }
}
