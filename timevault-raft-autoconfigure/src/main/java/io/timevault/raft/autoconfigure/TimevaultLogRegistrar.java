package io.timevault.raft.autoconfigure;

import io.timevault.raft.JacksonFormatPlugin;
import io.timevault.raft.LogLifecycleLog;
import io.timevault.raft.LogRecoveryException;
import io.timevault.raft.LogStorageStatus;
import io.timevault.raft.RaftLogMissingException;
import io.timevault.raft.RaftLogRegistry;
import io.timevault.raft.RaftRecordCodec;
import io.timevault.raft.RecoveryOutcome;
import io.timevault.raft.TimevaultLogStorage;
import io.timevault.raft.WriterState;
import io.timevault.store.Partition;
import io.timevault.store.RecoveryReport;
import io.timevault.store.TimevaultException;
import io.timevault.store.TimevaultStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers the beans of each log configured under {@code timevault.raft.logs}, with their full generic types so
 * that they are found by {@code RaftLogStorage<MyCommand>} and {@code RaftRecordCodec<MyCommand>}:
 * <ul>
 *   <li>per entry type {@code D}, a {@code JacksonFormatPlugin<D>} named {@code timevaultRaftCodec:<class>}, unless
 *       a {@code RaftRecordCodec<D>} bean exists already (matched by generic type: a user codec for {@code A} does
 *       not suppress the default for {@code B});
 *   <li>per log, a {@code TimevaultLogStorage<D>} named {@code <name>RaftLogStorage} and qualified by the log's
 *       name, unless a bean of that name exists already;
 *   <li>a {@link TimevaultRaftLogs} named {@value #LOGS_BEAN_NAME} that depends on all of them.
 * </ul>
 * A bean post-processor rather than {@code @Bean} methods because the beans depend on bound properties; it runs
 * after every configuration class was parsed, so the user's bean definitions are all visible. The properties are
 * read with a {@link Binder}, as the {@code @ConfigurationProperties} bean does not exist yet.
 *
 * <p>Each storage is registered as a dependent of the store bean, so it is closed (its queued writes drained)
 * before the store closes the partitions. Opening and closing a storage is logged ({@link LogLifecycleLog}) and
 * recorded in {@link TimevaultRaftLogs}. Logs without an entry type are jraft groups' logs: no storage bean, the
 * jraft service factory opens them.
 */
final class TimevaultLogRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware,
        BeanClassLoaderAware {

    /** Name of the {@link TimevaultRaftLogs} bean. */
    static final String LOGS_BEAN_NAME = "timevaultRaftLogs";

    private static final String JRAFT_FACTORY = "io.timevault.raft.jraft.TimevaultJRaftServiceFactory";

    private static final Log logger = LogFactory.getLog(TimevaultLogRegistrar.class);

    private final TimevaultRaftLogs logs = new TimevaultRaftLogs();

    /** Log name by storage bean name, for the logs whose storage bean this registrar registered or found. */
    private final Map<String, String> storageNames = new ConcurrentHashMap<>();

    private Environment environment;

    private ClassLoader classLoader = ClassUtils.getDefaultClassLoader();

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** Name of the storage bean of log {@code name}. */
    static String storageBeanName(String name) {
        return name + "RaftLogStorage";
    }

    /** Name of the default codec bean for entries of {@code type}. */
    static String codecBeanName(Class<?> type) {
        return "timevaultRaftCodec:" + type.getName();
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        ConfigurableListableBeanFactory beanFactory = (ConfigurableListableBeanFactory) registry;
        // Unknown keys fail here already, before the properties bean exists: a misspelled key under a log
        // (entry-typ) must not drop the log silently.
        TimevaultRaftProperties properties = Binder.get(environment).bindOrCreate(TimevaultRaftProperties.PREFIX,
                Bindable.of(TimevaultRaftProperties.class), new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
        List<TimevaultLogDefinition> definitions = TimevaultLogDefinition.resolveAll(properties, classLoader).stream()
                .filter(definition -> !isJRaftGroup(definition)).toList();
        Set<Class<?>> entryTypes = new LinkedHashSet<>();
        definitions.forEach(definition -> entryTypes.add(definition.entryType()));
        for (Class<?> type : entryTypes) {
            ResolvableType codecType = ResolvableType.forClassWithGenerics(RaftRecordCodec.class, type);
            if (beanFactory.getBeanNamesForType(codecType, true, false).length == 0) {
                registry.registerBeanDefinition(codecBeanName(type), codecDefinition(beanFactory, type));
            }
        }
        for (TimevaultLogDefinition definition : definitions) {
            String beanName = storageBeanName(definition.name());
            storageNames.put(beanName, definition.name());
            if (!registry.containsBeanDefinition(beanName)) {
                registry.registerBeanDefinition(beanName,
                        storageDefinition(beanFactory, beanName, definition, properties.failOnRecoveryError()));
            }
        }
        if (!registry.containsBeanDefinition(LOGS_BEAN_NAME)) {
            RootBeanDefinition logsDefinition = new RootBeanDefinition(TimevaultRaftLogs.class,
                    () -> collectUserStorages(beanFactory, definitions));
            logsDefinition.setDependsOn(storageNames.keySet().toArray(String[]::new));
            registry.registerBeanDefinition(LOGS_BEAN_NAME, logsDefinition);
        }
    }

    /**
     * Whether {@code definition} is a jraft group's log, which the jraft service factory opens when the group's node
     * starts: no storage bean. Without the jraft bridge such a log is a configuration error.
     */
    private boolean isJRaftGroup(TimevaultLogDefinition definition) {
        if (!definition.isJRaftGroup()) {
            return false;
        }
        if (!ClassUtils.isPresent(JRAFT_FACTORY, classLoader)) {
            String property = definition.property("entry-type");
            throw new InvalidTimevaultRaftPropertyException(property, null,
                    "log '" + definition.name() + "' has no entry type, which only a SOFAJRaft group's log may "
                            + "omit, and timevault-raft-jraft is not on the classpath",
                    "Set '" + property + "' to the fully qualified name of the class your log entries carry, or add "
                            + "io.timevault:timevault-raft-jraft to run the log as a SOFAJRaft group.",
                    null);
        }
        return true;
    }

    /** Closes a log's storage bean before Spring does, to report the close (INFO line, health, meters). */
    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        beanFactory.addBeanPostProcessor(new DestructionAwareBeanPostProcessor() {
            @Override
            public void postProcessBeforeDestruction(Object bean, String beanName) {
                if (bean instanceof TimevaultLogStorage<?> storage && storageNames.containsKey(beanName)) {
                    String name = storageNames.get(beanName);
                    storage.close();
                    LogLifecycleLog.closed(name, storage);
                    logs.closed(name, storage);
                }
            }

            @Override
            public boolean requiresDestruction(Object bean) {
                return bean instanceof TimevaultLogStorage<?>;
            }
        });
    }

    private static <D> RootBeanDefinition codecDefinition(ConfigurableListableBeanFactory beanFactory,
            Class<D> type) {
        RootBeanDefinition definition = new RootBeanDefinition(JacksonFormatPlugin.class);
        definition.setTargetType(ResolvableType.forClassWithGenerics(JacksonFormatPlugin.class, type));
        definition.setInstanceSupplier(() -> {
            JsonMapper mapper = beanFactory.getBeanProvider(JsonMapper.class).getIfUnique();
            return (mapper != null) ? JacksonFormatPlugin.forType(type, mapper) : JacksonFormatPlugin.forType(type);
        });
        definition.setDescription("JSON codec of the Raft log entries of type " + type.getName());
        return definition;
    }

    private <D> RootBeanDefinition storageDefinition(ConfigurableListableBeanFactory beanFactory, String beanName,
            TimevaultLogDefinition log, boolean failOnRecoveryError) {
        @SuppressWarnings("unchecked")
        Class<D> type = (Class<D>) log.entryType();
        RootBeanDefinition definition = new RootBeanDefinition(TimevaultLogStorage.class);
        definition.setTargetType(ResolvableType.forClassWithGenerics(TimevaultLogStorage.class, type));
        definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, log.name()));
        definition.setDestroyMethodName(AbstractBeanDefinition.INFER_METHOD);
        definition.setDescription("Raft log '" + log.name() + "' in timevault partition " + log.partitionId());
        definition.setInstanceSupplier(() -> openStorage(beanFactory, beanName, log, type, failOnRecoveryError));
        return definition;
    }

    private <D> TimevaultLogStorage<D> openStorage(ConfigurableListableBeanFactory beanFactory, String beanName,
            TimevaultLogDefinition log, Class<D> type, boolean failOnRecoveryError) {
        String storeBeanName = uniqueBeanName(beanFactory, TimevaultStore.class, log);
        TimevaultStore store = beanFactory.getBean(storeBeanName, TimevaultStore.class);
        // Destroyed before the store: the writer drains before the partitions close.
        beanFactory.registerDependentBean(storeBeanName, beanName);
        RaftRecordCodec<D> codec = codec(beanFactory, log, type);
        Path directory = store.partitionDirectory(log.partitionId()).toAbsolutePath().normalize();
        RecoveryOutcome failure;
        long start = System.nanoTime();
        try {
            Partition partition = RaftLogRegistry.of(store).open(log.name(), log.partitionId(), log.partitionConfig(),
                    log.properties().ifMissing());
            TimevaultLogStorage<D> storage = TimevaultLogStorage.open(partition, codec, log.storageOptions());
            LogLifecycleLog.opened(log.name(), storage, Duration.ofNanos(System.nanoTime() - start));
            logs.opened(log.name(), log.properties().nodeId(), storage);
            return storage;
        } catch (LogRecoveryException ex) {
            if (failOnRecoveryError) {
                throw new TimevaultLogOpenException(log.name(), log.partitionId(), directory, ex);
            }
            failure = ex.outcome();
            logs.failed(log.name(), log.properties().nodeId(), failedStatus(store, log, failure, ex));
            logger.error(unavailable(log, ex), ex);
        } catch (TimevaultException | RaftLogMissingException ex) {
            // The partition did not open (damage that is not a torn tail), or its files are gone.
            if (failOnRecoveryError) {
                throw new TimevaultLogOpenException(log.name(), log.partitionId(), directory, ex);
            }
            failure = new RecoveryOutcome(RecoveryOutcome.Kind.FAILED, List.of(
                    ((ex instanceof RaftLogMissingException) ? "missing: " : "store: ") + ex.getMessage()),
                    RecoveryReport.CLEAN);
            logs.failed(log.name(), log.properties().nodeId(), failedStatus(store, log, failure, ex));
            logger.error(unavailable(log, ex), ex);
        }
        return null;
    }

    /**
     * The codec bean for the log's entry type; the starter's own codec is made strict or lenient and named after
     * the log, a codec the application defined is used as it is.
     */
    private static <D> RaftRecordCodec<D> codec(ConfigurableListableBeanFactory beanFactory,
            TimevaultLogDefinition log, Class<D> type) {
        @SuppressWarnings("unchecked")
        RaftRecordCodec<D> codec = (RaftRecordCodec<D>) beanFactory
                .getBeanProvider(ResolvableType.forClassWithGenerics(RaftRecordCodec.class, type))
                .getObject();
        String ours = codecBeanName(type);
        if (codec instanceof JacksonFormatPlugin<D> jackson && beanFactory.containsBean(ours)
                && beanFactory.getBean(ours) == codec) {
            return jackson.withStrictDecoding(log.properties().strictDecoding()).named(log.name());
        }
        return codec;
    }

    private static String unavailable(TimevaultLogDefinition log, Exception ex) {
        return "Raft log '" + log.name() + "' could not be opened and is unavailable ("
                + TimevaultRaftProperties.PREFIX + ".fail-on-recovery-error=false): " + ex.getMessage()
                + ". Its health is DOWN and there is no RaftLogStorage bean for it: inject it as "
                + "ObjectProvider<RaftLogStorage<" + log.entryType().getSimpleName() + ">> (getIfAvailable) "
                + "where the application must start without it.";
    }

    private static LogStorageStatus failedStatus(TimevaultStore store, TimevaultLogDefinition log,
            RecoveryOutcome outcome, Throwable cause) {
        return new LogStorageStatus(log.partitionId(), store.partitionDirectory(log.partitionId()), outcome, null,
                null, null, WriterState.FAILED, cause);
    }

    private static String uniqueBeanName(ConfigurableListableBeanFactory beanFactory, Class<?> type,
            TimevaultLogDefinition log) {
        String[] names = beanFactory.getBeanNamesForType(type);
        if (names.length != 1) {
            throw new NoSuchBeanDefinitionException(type, "Raft log '" + log.name() + "' needs exactly one "
                    + type.getSimpleName() + " bean, found " + names.length);
        }
        return names[0];
    }

    private TimevaultRaftLogs collectUserStorages(ConfigurableListableBeanFactory beanFactory,
            List<TimevaultLogDefinition> definitions) {
        for (TimevaultLogDefinition definition : definitions) {
            if (logs.get(definition.name()).isEmpty()) {
                // The user defined this log's storage bean.
                Object bean = beanFactory.getBean(storageBeanName(definition.name()));
                if (bean instanceof TimevaultLogStorage<?> storage) {
                    logs.opened(definition.name(), definition.properties().nodeId(), storage);
                }
            }
        }
        return logs;
    }
}
