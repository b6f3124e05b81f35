package io.timevault.raft.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.DefaultValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The IDE metadata the build generates describes every per-log key ({@code timevault.raft.logs.*.<key>}), with a
 * description and the default of its {@code @DefaultValue}: checked against the record components, so a new key
 * without metadata fails here.
 */
class TimevaultRaftMetadataTests {

    private static Map<String, JsonNode> properties() throws IOException {
        try (InputStream in = TimevaultRaftMetadataTests.class
                .getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata").isNotNull();
            Map<String, JsonNode> byName = new HashMap<>();
            JsonMapper.builder().build().readTree(in).get("properties").values()
                    .forEach(property -> byName.put(property.get("name").stringValue(), property));
            return byName;
        }
    }

    /** The per-log keys and their {@code @DefaultValue}s (null when none), from the record components. */
    private static Map<String, String> perLogKeys(Class<?> type, String prefix) {
        Map<String, String> keys = new HashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            String key = prefix + kebab(component.getName());
            if (component.getType().isRecord()) {
                keys.putAll(perLogKeys(component.getType(), key + "."));
                continue;
            }
            DefaultValue defaultValue = component.getAnnotation(DefaultValue.class);
            keys.put(key, (defaultValue != null && defaultValue.value().length == 1) ? defaultValue.value()[0] : null);
        }
        return keys;
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void everyPerLogKeyHasADescriptionAndItsDefault() throws IOException {
        Map<String, JsonNode> metadata = properties();
        Map<String, String> keys = perLogKeys(TimevaultRaftProperties.Log.class, "timevault.raft.logs.*.");
        assertThat(keys).containsKeys("timevault.raft.logs.*.entry-type", "timevault.raft.logs.*.if-missing",
                "timevault.raft.logs.*.strict-decoding", "timevault.raft.logs.*.sync.slow-threshold");
        List<String> problems = new ArrayList<>();
        keys.forEach((key, defaultValue) -> {
            JsonNode entry = metadata.get(key);
            if (entry == null) {
                problems.add(key + ": no metadata");
                return;
            }
            if (entry.get("description") == null || entry.get("description").stringValue().isBlank()) {
                problems.add(key + ": no description");
            }
            if (defaultValue != null && (entry.get("defaultValue") == null
                    || !entry.get("defaultValue").asString().equalsIgnoreCase(defaultValue))) {
                problems.add(key + ": default " + entry.get("defaultValue") + ", the record says " + defaultValue);
            }
        });
        assertThat(problems).isEmpty();
    }
}
