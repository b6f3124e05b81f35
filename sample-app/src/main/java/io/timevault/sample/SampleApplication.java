package io.timevault.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** A replicated key-value service on SOFAJRaft, its Raft log kept in timevault partitions. */
@SpringBootApplication
@EnableConfigurationProperties(KvRaftProperties.class)
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
