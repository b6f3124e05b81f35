package io.timevault.raft.autoconfigure.jraft;

import io.timevault.raft.autoconfigure.TimevaultRaftAutoConfiguration;
import io.timevault.raft.jraft.TimevaultJRaftServiceFactory;
import io.timevault.store.TimevaultStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The SOFAJRaft bridge: a {@link TimevaultJRaftServiceFactory} on the application's {@link TimevaultStore}, for
 * {@code NodeOptions.setServiceFactory}. Each jraft group's log lives in its own partition of the store; list the
 * group ids in {@code timevault.raft.jraft.groups} for health to report them.
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
    TimevaultJRaftServiceFactory timevaultJRaftServiceFactory(TimevaultStore store) {
        return new TimevaultJRaftServiceFactory(store);
    }
}
