package io.timevault.store.lock;

import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;

/**
 * Child-JVM main for {@link StoreLockTest}: opens the store at {@code args[0]} in write mode, prints
 * {@code locked}, waits for a line on stdin, closes the store and prints {@code released}.
 */
public final class LockHolderMain {

    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        try (TimevaultStore store = TimevaultStore.open(Path.of(args[0]), StoreOptions.DEFAULTS)) {
            System.out.println("locked");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in)).readLine();
        }
        System.out.println("released");
        System.out.flush();
    }
}
