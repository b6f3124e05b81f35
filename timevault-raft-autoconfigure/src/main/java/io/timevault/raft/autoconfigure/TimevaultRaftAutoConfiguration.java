package io.timevault.raft.autoconfigure;

import io.timevault.raft.RaftLogMissingException;
import io.timevault.raft.RaftLogRegistry;
import io.timevault.store.CorruptFileException;
import io.timevault.store.StorageIOException;
import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of timevault Raft log storage: the {@link TimevaultStore} at {@code timevault.raft.root} and,
 * for each log under {@code timevault.raft.logs}, a {@code TimevaultLogStorage<D>} and (unless the application
 * defines a {@code RaftRecordCodec<D>}) a {@code JacksonFormatPlugin<D>}, both registered with their generic type
 * (see {@link TimevaultLogRegistrar}). The codecs use the application's Jackson {@code JsonMapper} when there is
 * exactly one.
 *
 * <p>On shutdown the log storages close before the store: their queued writes drain, then the partitions close
 * and the store lock is released.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnBooleanProperty(name = "timevault.raft.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TimevaultRaftProperties.class)
public final class TimevaultRaftAutoConfiguration {

    TimevaultRaftAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    static TimevaultLogRegistrar timevaultLogRegistrar() {
        return new TimevaultLogRegistrar();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    TimevaultStore timevaultStore(TimevaultRaftProperties properties) {
        // Absolute, so that every path in logs, health and error messages is.
        Path root = properties.root().toAbsolutePath().normalize();
        prepareRoot(root);
        TimevaultStore store;
        try {
            store = TimevaultStore.open(root, StoreOptions.DEFAULTS);
        } catch (StorageIOException ex) {
            throw notWritable(root, ex.getMessage(), ex);
        }
        try {
            checkNoLogLost(store, properties);
        } catch (RuntimeException ex) {
            store.close();
            throw ex;
        }
        return store;
    }

    /**
     * Refuses to start when a configured log that the store's registry lists lost its partition, before any
     * storage bean or jraft node opens it: a Raft node must not come back with an empty log and no vote.
     */
    private static void checkNoLogLost(TimevaultStore store, TimevaultRaftProperties properties) {
        RaftLogRegistry registry = RaftLogRegistry.of(store);
        properties.logs().forEach((name, log) -> {
            UUID partitionId = log.partitionIdFor(name);
            try {
                registry.checkNotLost(name, partitionId, log.ifMissing());
            } catch (RaftLogMissingException ex) {
                if (!properties.failOnRecoveryError()) {
                    return; // the log's bean reports it DOWN
                }
                throw new TimevaultLogOpenException(name, partitionId, ex.directory(), ex);
            } catch (CorruptFileException ex) {
                throw new TimevaultLogOpenException(name, partitionId,
                        store.partitionDirectory(partitionId).toAbsolutePath().normalize(), ex);
            }
        });
    }

    private static void prepareRoot(Path root) {
        Path existing = root.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw notWritable(root, (existing.equals(root.toAbsolutePath().normalize()) ? "it" : existing)
                    + " is a regular file, not a directory", null);
        }
        try {
            Files.createDirectories(root);
        } catch (IOException ex) {
            throw notWritable(root, "the directory cannot be created (" + ex + ")", ex);
        }
        if (!Files.isWritable(root)) {
            throw notWritable(root, "the directory is not writable by this process", null);
        }
    }

    private static InvalidTimevaultRaftPropertyException notWritable(Path root, String reason, Throwable cause) {
        return new InvalidTimevaultRaftPropertyException(TimevaultRaftProperties.PREFIX + ".root",
                root.toAbsolutePath(), reason,
                "Set '" + TimevaultRaftProperties.PREFIX + ".root' to a directory this process can create and "
                        + "write, or fix the permissions of " + root.toAbsolutePath() + ".",
                cause);
    }
}
