package io.timevault.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Where the bench writes: one root (by default {@code target/bench-data} under the working directory), deleted
 * when the run ends, also when it fails. Every figure takes a fresh subdirectory and deletes it when done.
 */
final class BenchDirs implements AutoCloseable {

    private final Path root;

    BenchDirs(Path root) {
        this.root = root.toAbsolutePath();
        deleteTree(this.root);
        mkdirs(this.root);
    }

    Path root() {
        return root;
    }

    /** An empty directory {@code name} under the root. */
    Path fresh(String name) {
        Path dir = root.resolve(name);
        deleteTree(dir);
        return mkdirs(dir);
    }

    void delete(Path dir) {
        deleteTree(dir);
    }

    static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("deleting " + dir, e);
        }
    }

    /** Copies a directory tree and fsyncs every copied file, so later timed fsyncs do not pay for the copy. */
    static void copyTreeDurably(Path from, Path to) {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                    try (var ch = java.nio.channels.FileChannel.open(target, java.nio.file.StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("copying " + from + " to " + to, e);
        }
    }

    @Override
    public void close() {
        deleteTree(root);
    }
}
