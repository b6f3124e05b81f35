package io.timevault.store.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.timevault.store.StoreLockedException;
import io.timevault.store.TimevaultStore;
import io.timevault.store.support.ChildJvm;
import io.timevault.store.support.Files2;
import io.timevault.store.support.Layout;
import io.timevault.store.support.Stores;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec §6.2 (locks_tests.rs) and deviation 11: the store lock is a real {@code flock(2)} on
 * {@code <root>/.timevault.write.lock}, so it excludes another store in this JVM, another JVM, and any process that
 * uses {@code flock} — timevault-rs (fs2) and the util-linux {@code flock} command alike.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StoreLockTest {

    /** libc, for holding a flock on another open file description, as locks_tests.rs does with fs2. */
    interface CLib extends Library {
        CLib INSTANCE = Native.load("c", CLib.class);

        int open(String path, int flags, int mode);

        int flock(int fd, int operation);

        int close(int fd);
    }

    private static final int O_RDWR = 2;
    private static final int O_CREAT = 0100;
    private static final int LOCK_EX = 2;
    private static final int LOCK_NB = 4;

    @TempDir
    Path root;

    private Path lockFile() {
        return Layout.lockFile(root);
    }

    /** §6.2 item 3. */
    @Test
    void lockFileIsCreatedWithThePidAndALineFeed() {
        try (TimevaultStore store = Stores.open(root)) {
            assertThat(Layout.readText(lockFile())).isEqualTo("pid=" + ProcessHandle.current().pid() + "\n");
        }
        assertThat(lockFile()).as("the lock file is never deleted").exists();
    }

    /** §6.2 item 4. */
    @Test
    void anotherOpenFileDescriptionHoldingTheFlockRefusesTheStore() {
        Files2.write(lockFile(), "");
        int fd = CLib.INSTANCE.open(lockFile().toString(), O_RDWR | O_CREAT, 0644);
        assertThat(fd).isNotNegative();
        try {
            assertThat(CLib.INSTANCE.flock(fd, LOCK_EX | LOCK_NB)).isZero();
            assertThatExceptionOfType(StoreLockedException.class)
                    .isThrownBy(() -> Stores.open(root))
                    .satisfies(e -> assertThat(e.lockFile()).isEqualTo(lockFile()));
        } finally {
            CLib.INSTANCE.close(fd);
        }
        Stores.open(root).close();
    }

    /** §6.2 item 5. */
    @Test
    void unlockedFileWithOtherContentIsTakenAndRewritten() {
        Files2.write(lockFile(), "junk\n");
        try (TimevaultStore store = Stores.open(root)) {
            assertThat(Layout.readText(lockFile())).isEqualTo("pid=" + ProcessHandle.current().pid() + "\n");
        }
    }

    @Test
    void longerStaleContentIsTruncated() {
        Files2.write(lockFile(), "pid=123456789012345678901234567890\nmore junk\n");
        try (TimevaultStore store = Stores.open(root)) {
            assertThat(Layout.readText(lockFile())).isEqualTo("pid=" + ProcessHandle.current().pid() + "\n");
        }
    }

    /** §6.2 item 6. */
    @Test
    void secondStoreInTheSameJvmIsRefusedUntilTheFirstCloses() {
        TimevaultStore first = Stores.open(root);
        try {
            assertThatExceptionOfType(StoreLockedException.class).isThrownBy(() -> Stores.open(root));
            assertThatExceptionOfType(StoreLockedException.class).isThrownBy(() -> Stores.open(root));
        } finally {
            first.close();
        }
        Stores.open(root).close();
    }

    @Test
    void aRefusedOpenDoesNotReleaseOrRewriteTheHoldersLock() {
        try (TimevaultStore first = Stores.open(root)) {
            byte[] content = Layout.read(lockFile());
            assertThatExceptionOfType(StoreLockedException.class).isThrownBy(() -> Stores.open(root));
            assertThatExceptionOfType(StoreLockedException.class).isThrownBy(() -> Stores.open(root));
            assertThat(Layout.read(lockFile())).isEqualTo(content);
        }
    }

    @Test
    void storeInAnotherJvmIsRefusedUntilItCloses() throws Exception {
        try (ChildJvm child = ChildJvm.start(LockHolderMain.class, root.resolveSibling(root.getFileName() + ".err"),
                root.toString())) {
            child.await("locked", 30);
            assertThatExceptionOfType(StoreLockedException.class).isThrownBy(() -> Stores.open(root));
            assertThat(Layout.readText(lockFile())).startsWith("pid=").isNotEqualTo(
                    "pid=" + ProcessHandle.current().pid() + "\n");
            child.send("exit");
            child.await("released", 30);
            assertThat(child.waitFor(30)).isZero();
        }
        Stores.open(root).close();
    }

    @Test
    void lockOfAKilledJvmIsReleasedByTheKernel() throws Exception {
        try (ChildJvm child = ChildJvm.start(LockHolderMain.class, root.resolveSibling(root.getFileName() + ".err"),
                root.toString())) {
            child.await("locked", 30);
            assertThatExceptionOfType(StoreLockedException.class).isThrownBy(() -> Stores.open(root));
            child.kill();
        }
        Stores.open(root).close();
    }

    /** Deviation 11: the util-linux flock command takes the same kind of lock as timevault-rs. */
    @Test
    void processHoldingFlockOnTheFileRefusesTheStore() throws Exception {
        Assumptions.assumeTrue(flockCommandAvailable(), "util-linux flock is not installed");
        Files2.write(lockFile(), "");
        Process p = new ProcessBuilder("flock", "-x", "-n", lockFile().toString(), "-c", "echo locked; exec sleep 30")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");
            assertThatExceptionOfType(StoreLockedException.class).isThrownBy(() -> Stores.open(root));
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        Stores.open(root).close();
    }

    /** Deviation 11, the other direction: while our store is open, {@code flock -n} on the file fails. */
    @Test
    void openStoreMakesTheFlockCommandFail() throws Exception {
        Assumptions.assumeTrue(flockCommandAvailable(), "util-linux flock is not installed");
        try (TimevaultStore store = Stores.open(root)) {
            Process p = new ProcessBuilder("flock", "-x", "-n", lockFile().toString(), "-c", "true").start();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("flock -n exit code while the store holds the lock").isNotZero();
        }
        Process p = new ProcessBuilder("flock", "-x", "-n", lockFile().toString(), "-c", "true").start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    private static boolean flockCommandAvailable() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, "flock"))) {
                return true;
            }
        }
        return false;
    }
}
