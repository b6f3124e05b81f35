package io.timevault.raft.autoconfigure.jraft;

import io.timevault.raft.LogInspector;
import io.timevault.raft.autoconfigure.TimevaultLogDefinition;
import io.timevault.raft.autoconfigure.TimevaultRaftAutoConfiguration;
import io.timevault.raft.autoconfigure.TimevaultRaftLogs;
import io.timevault.raft.autoconfigure.TimevaultRaftProperties;
import io.timevault.raft.jraft.TimevaultJRaftOptions;
import io.timevault.raft.jraft.TimevaultJRaftServiceFactory;
import io.timevault.store.TimevaultStore;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The SOFAJRaft bridge: a {@link TimevaultJRaftServiceFactory} on the application's {@link TimevaultStore}, for
 * {@code NodeOptions.setServiceFactory}. A jraft group is a log like any other: the group whose id is {@code <name>}
 * keeps its log as {@code timevault.raft.logs.<name>} describes (leave {@code entry-type} unset), or with the
 * defaults when there is no such entry; its log gets health and meters when its node starts and opens it, and loses
 * the meters when the node stops. Until then health reads a configured group's log from its partition, read-only.
 *
 * <p>The factory does not own the store; beans that run jraft nodes with it depend on it, so they shut down
 * before the store closes.
 */
@AutoConfiguration(after = TimevaultRaftAutoConfiguration.class)
@ConditionalOnClass(name = { "com.alipay.sofa.jraft.JRaftServiceFactory",
        "io.timevault.raft.jraft.TimevaultJRaftServiceFactory" })
@ConditionalOnBean(TimevaultStore.class)
public final class TimevaultRaftJRaftAutoConfiguration {

    TimevaultRaftJRaftAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    TimevaultJRaftServiceFactory timevaultJRaftServiceFactory(TimevaultStore store, TimevaultRaftProperties properties,
            TimevaultRaftLogs logs, ConfigurableListableBeanFactory beanFactory) {
        JRaftGroupLogs groups = new JRaftGroupLogs(
                TimevaultLogDefinition.resolveAll(properties, beanFactory.getBeanClassLoader()), logs);
        for (TimevaultLogDefinition group : groups.configuredGroups()) {
            logs.inspected(group.name(), groups.nodeId(group.name()),
                    () -> LogInspector.inspect(store.root(), group.partitionId()));
        }
        return new TimevaultJRaftServiceFactory(store, new TimevaultJRaftOptions(groups, groups));
    }
}
