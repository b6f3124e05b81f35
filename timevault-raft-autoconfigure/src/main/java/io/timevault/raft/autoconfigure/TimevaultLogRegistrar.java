package io.timevault.raft.autoconfigure;

import io.timevault.raft.JacksonFormatPlugin;
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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
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
 * before the store closes the partitions.
 */
final class TimevaultLogRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware,
        BeanClassLoaderAware {

    /** Name of the {@link TimevaultRaftLogs} bean. */
    static final String LOGS_BEAN_NAME = "timevaultRaftLogs";

    private static final String JRAFT_OPTIONS = "io.timevault.raft.jraft.TimevaultJRaftOptions";

    private static final Log logger = LogFactory.getLog(TimevaultLogRegistrar.class);

    private final TimevaultRaftLogs logs = new TimevaultRaftLogs();

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
        List<TimevaultLogDefinition> definitions = TimevaultLogDefinition.resolveAll(properties, classLoader);
        Set<Class<?>> entryTypes = new LinkedHashSet<>();
        definitions.forEach(definition -> entryTypes.add(definition.entryType()));
        for (Class<?> type : entryTypes) {
            ResolvableType codecType = ResolvableType.forClassWithGenerics(RaftRecordCodec.class, type);
            if (beanFactory.getBeanNamesForType(codecType, true, false).length == 0) {
                registry.registerBeanDefinition(codecBeanName(type), codecDefinition(beanFactory, type));
            }
        }
        List<String> storageNames = new ArrayList<>();
        for (TimevaultLogDefinition definition : definitions) {
            String beanName = storageBeanName(definition.name());
            storageNames.add(beanName);
            if (!registry.containsBeanDefinition(beanName)) {
                registry.registerBeanDefinition(beanName,
                        storageDefinition(beanFactory, beanName, definition, properties.failOnRecoveryError()));
            }
        }
        observeJRaftGroups(beanFactory, properties, definitions);
        if (!registry.containsBeanDefinition(LOGS_BEAN_NAME)) {
            RootBeanDefinition logsDefinition = new RootBeanDefinition(TimevaultRaftLogs.class,
                    () -> collectUserStorages(beanFactory, definitions));
            logsDefinition.setDependsOn(storageNames.toArray(String[]::new));
            registry.registerBeanDefinition(LOGS_BEAN_NAME, logsDefinition);
        }
    }

    private void observeJRaftGroups(ConfigurableListableBeanFactory beanFactory, TimevaultRaftProperties properties,
            List<TimevaultLogDefinition> definitions) {
        List<String> groups = properties.jraft().groups();
        if (groups.isEmpty() || !ClassUtils.isPresent(JRAFT_OPTIONS, classLoader)) {
            return;
        }
        for (String group : groups) {
            if (definitions.stream().anyMatch(definition -> definition.name().equals(group))) {
                throw new InvalidTimevaultRaftPropertyException(TimevaultRaftProperties.PREFIX + ".jraft.groups",
                        group, "a log under " + TimevaultRaftProperties.PREFIX + ".logs has the same name",
                        "Rename the log or the jraft group: health reports both by name.", null);
            }
            PartitionLogObserver fromDisk = new PartitionLogObserver(() -> beanFactory.getBean(TimevaultStore.class),
                    io.timevault.raft.autoconfigure.jraft.JRaftGroups.partitionId(group));
            logs.observed(group, null, () -> io.timevault.raft.autoconfigure.jraft.JRaftGroups
                    .liveStatus(beanFactory, group).orElseGet(fromDisk));
        }
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
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
        try {
            Partition partition = RaftLogRegistry.of(store).open(log.name(), log.partitionId(), log.partitionConfig(),
                    log.properties().ifMissing());
            TimevaultLogStorage<D> storage = TimevaultLogStorage.open(partition, codec, log.storageOptions());
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
