package io.timevault.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** A replicated key-value service on SOFAJRaft, its Raft log kept in timevault partitions. */
@SpringBootApplication
@EnableConfigurationProperties({KvRaftProperties.class, KvApiProperties.class})
public class SampleApplication {

    static {
        // SOFA Bolt's logging bridge does not know Logback 1.5 and prints a stack trace; let it use its fallback.
        System.setProperty("logback.middleware.log.disable", "true");
    }

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
