package io.timevault.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Durable file primitives shared by every writer: atomic replacement (temp file, fsync, rename, fsync of the
 * directory — never a plain-move fallback) and directory fsync. Every error propagates as a
 * {@link StorageIOException} naming the file; nothing here is "best effort".
 *
 * <p>Stateless and thread-safe; callers serialize writes to the same target.
 */
public final class DurableFiles {

    private DurableFiles() {
    }

    /**
     * Replaces {@code target} with {@code content} atomically and durably, through {@code <target>.tmp} in the
     * same directory (the temp name timevault-rs uses for metadata and raft files).
     */
    public static void writeAtomically(Path target, byte[] content) {
        writeAtomically(target, target.resolveSibling(target.getFileName() + ".tmp"), content);
    }

    /** As {@link #writeAtomically(Path, byte[])} with an explicit temp file (same directory as the target). */
    public static void writeAtomically(Path target, Path temp, byte[] content) {
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(ch, ByteBuffer.wrap(content), 0);
            ch.force(true);
        } catch (IOException e) {
            throw new StorageIOException("write", temp, e);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new StorageIOException("atomic rename (not supported by this file system)", target, e);
        } catch (IOException e) {
            throw new StorageIOException("rename", target, e);
        }
        fsyncDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Copies {@code source[from, to)} to a new file {@code target}, atomically and durably (temp file, fsync, rename,
     * directory fsync): the copy a destructive repair keeps of what it removes.
     */
    static void copyRange(FileChannel source, Path sourceFile, long from, long to, Path target) {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long pos = from;
            while (pos < to) {
                long n = source.transferTo(pos, to - pos, out);
                if (n <= 0) {
                    throw new java.io.EOFException("unexpected end of " + sourceFile + " at offset " + pos);
                }
                pos += n;
            }
            out.force(true);
        } catch (IOException e) {
            throw new StorageIOException("copy " + sourceFile + " to", temp, e);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StorageIOException("rename", target, e);
        }
        fsyncDirectory(target.toAbsolutePath().getParent());
    }

    /** Reads the whole file, or empty when it does not exist. */
    public static Optional<byte[]> readIfExists(Path file) {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageIOException("read", file, e);
        }
    }

    /** Makes a directory's entries (creations, renames, deletions) durable. */
    public static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            throw new StorageIOException("fsync directory", dir, e);
        }
    }

    /** Creates {@code dir} and missing parents, making each new entry durable in its parent. */
    static void createDirectories(Path dir) {
        Path abs = dir.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            return;
        }
        createDirectories(abs.getParent());
        try {
            Files.createDirectory(abs);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            if (!Files.isDirectory(abs)) {
                throw new StorageIOException("create directory (a file is in the way)", abs, e);
            }
            return;
        } catch (IOException e) {
            throw new StorageIOException("create directory", abs, e);
        }
        fsyncDirectory(abs.getParent());
    }

    static void writeFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            pos += ch.write(buf, pos);
        }
    }

    static void readFully(FileChannel ch, ByteBuffer buf, long position, Path file) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new java.io.EOFException("unexpected end of " + file + " at offset " + pos);
            }
            pos += n;
        }
    }
}
