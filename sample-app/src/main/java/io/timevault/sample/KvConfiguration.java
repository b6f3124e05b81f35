package io.timevault.sample;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The state machine, serializing commands with Boot's JSON mapper. */
@Configuration(proxyBeanMethods = false)
class KvConfiguration {

    @Bean
    KvStateMachine kvStateMachine(ObjectProvider<JsonMapper> mapper) {
        return new KvStateMachine(mapper.getIfAvailable(() -> JsonMapper.builder().build()));
    }
}
