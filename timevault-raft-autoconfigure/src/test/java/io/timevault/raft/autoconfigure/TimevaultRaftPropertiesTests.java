package io.timevault.raft.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.raft.LogStorageOptions;
import io.timevault.store.PartitionConfig;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Property defaults equal the engine's defaults, and every engine setting is either exposed or listed here as
 * deliberately not exposed.
 */
class TimevaultRaftPropertiesTests {

    private static TimevaultRaftProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate(TimevaultRaftProperties.PREFIX, TimevaultRaftProperties.class);
    }

    private static TimevaultRaftProperties.Log defaultLog() {
        return bind(Map.of("timevault.raft.logs.x.entry-type", OrderCommand.class.getName())).logs().get("x");
    }

    @Test
    void storeDefaults() {
        TimevaultRaftProperties properties = bind(Map.of());
        assertThat(properties.enabled()).isTrue();
        assertThat(properties.failOnRecoveryError()).isTrue();
        assertThat(properties.root()).isEqualTo(Path.of("data/timevault"));
        assertThat(properties.logs()).isEmpty();
    }

    @Test
    void logDefaultsAreConsistentWithPartitionConfigDefaults() {
        PartitionConfig engine = PartitionConfig.defaults();
        TimevaultRaftProperties.Log log = defaultLog();
        assertThat(log.chunk().maxSize().toBytes()).isEqualTo(engine.chunkRoll().maxBytes());
        assertThat(log.index().maxRecords()).isEqualTo(engine.index().maxRecords());
        PartitionConfig derived = new TimevaultLogDefinition("x", log.partitionIdFor("x"), OrderCommand.class, log)
                .partitionConfig();
        // Every partition setting is the engine's default except keyIsTimestamp: Raft keys are indexes.
        assertThat(derived).isEqualTo(engine.withKeyIsTimestamp(false));
    }

    @Test
    void logDefaultsAreConsistentWithStorageOptionDefaults() {
        TimevaultRaftProperties.Log log = defaultLog();
        LogStorageOptions engine = LogStorageOptions.DEFAULTS;
        assertThat(log.sync().maxBatchEntries()).isEqualTo(engine.maxBatchEntries());
        assertThat(log.sync().slowThreshold()).isEqualTo(engine.slowSyncThreshold());
        assertThat(new TimevaultLogDefinition("x", log.partitionIdFor("x"), OrderCommand.class, log).storageOptions())
                .isEqualTo(engine);
    }

    @Test
    void recordDefaultsUsedWhenNestedGroupsAreAbsentMatchTheBoundDefaults() {
        TimevaultRaftProperties.Log bound = defaultLog();
        assertThat(bound.chunk()).isEqualTo(TimevaultRaftProperties.Chunk.DEFAULTS);
        assertThat(bound.index()).isEqualTo(TimevaultRaftProperties.Index.DEFAULTS);
        assertThat(bound.sync()).isEqualTo(TimevaultRaftProperties.Sync.DEFAULTS);
    }

    @Test
    void engineSettingsNotExposedAreDocumented() {
        // Not exposed, on purpose:
        // - formatVersion, formatPlugin: the codec decides the format (jsonl for JacksonFormatPlugin).
        // - chunkRoll.maxHours, index.maxHours: apply only to millisecond keys; a Raft log's keys are indexes.
        // - retention: persisted but not applied by the engine.
        // - keyIsTimestamp: always false for a Raft log.
        // - logicalPurge: the adapter relies on physical purge.
        assertThat(PartitionConfig.class.getRecordComponents()).extracting(c -> c.getName()).containsExactly(
                "formatVersion", "formatPlugin", "chunkRoll", "index", "retention", "keyIsTimestamp", "logicalPurge");
        assertThat(LogStorageOptions.class.getRecordComponents()).extracting(c -> c.getName())
                .containsExactly("maxBatchEntries", "slowSyncThreshold");
    }

    @Test
    void partitionIdIsDerivedFromTheNameWhenAbsent() {
        TimevaultRaftProperties.Log log = defaultLog();
        assertThat(log.partitionIdFor("orders")).isEqualTo(TimevaultRaftProperties.Log.derivedPartitionId("orders"))
                .isEqualTo(UUID.nameUUIDFromBytes("timevault-raft:orders".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(log.partitionIdFor("audit"));
        UUID configured = UUID.randomUUID();
        TimevaultRaftProperties.Log withId = bind(Map.of("timevault.raft.logs.x.entry-type", "a.B",
                "timevault.raft.logs.x.partition-id", configured.toString())).logs().get("x");
        assertThat(withId.partitionIdFor("x")).isEqualTo(configured);
    }

    @Test
    void generatedMetadataDescribesTheProperties() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(json).contains("\"timevault.raft.root\"", "\"timevault.raft.logs\"",
                    "\"timevault.raft.fail-on-recovery-error\"", "\"management.health.timevault-raft.enabled\"",
                    "Whether to enable timevault Raft log storage.");
        }
    }
}
