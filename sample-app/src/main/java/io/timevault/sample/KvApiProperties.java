package io.timevault.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The sample's HTTP API.
 *
 * @param maxValueSize Largest value a PUT accepts (bytes of UTF-8); larger ones answer 413.
 * @param maxKeySize Largest key (bytes of UTF-8); longer ones answer 400.
 */
@ConfigurationProperties("sample.api")
public record KvApiProperties(@DefaultValue("1MB") DataSize maxValueSize, @DefaultValue("1KB") DataSize maxKeySize) {
}
