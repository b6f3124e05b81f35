package io.timevault.raft.jraft;

import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.conf.ConfigurationEntry;
import com.alipay.sofa.jraft.conf.ConfigurationManager;
import com.alipay.sofa.jraft.entity.LogEntry;
import com.alipay.sofa.jraft.entity.PeerId;
import io.timevault.raft.Entry;
import io.timevault.raft.TimevaultLogStorage;
import io.timevault.store.StoredRecord;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Re-registers the configuration entries still in a log with jraft's {@link ConfigurationManager} when the log
 * storage starts, as jraft's RocksDB storage does from its configuration column family: without it a restarted
 * node forgets its membership.
 *
 * <p>Only configuration lines are decoded. The records are read raw from the partition, in chunks of
 * {@value #CHUNK}, and each line is tokenized only up to its {@code kind}: {@code Blank} lines are skipped,
 * {@code Membership} lines are configurations, and for {@code Normal} lines the payload's leading {@code type} tag
 * tells a typed configuration from data, which is never decoded (no base64, no {@code LogEntry}). A line this quick
 * look cannot classify is decoded in full, so a corrupt line fails the start instead of being skipped.
 *
 * <p>Cost: one pass over the log's bytes. Runs on the thread that initializes the log storage, before jraft
 * writes to it.
 */
final class ConfigurationScan {

    /** Records read per partition range read. */
    static final int CHUNK = 1024;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ConfigurationScan() {
    }

    /**
     * Adds every configuration entry with index in {@code [first, last]} to {@code manager}, in index order.
     *
     * @return how many were added
     */
    static int replay(TimevaultLogStorage<JRaftPayload> log, LogEntryMapping mapping, ConfigurationManager manager,
                      long first, long last) {
        int added = 0;
        for (long from = first; from <= last && from > 0; from += CHUNK) {
            long to = Math.min(last, from + CHUNK - 1);
            List<StoredRecord> records = log.partition().readRange(from, to);
            for (StoredRecord record : records) {
                if (!mayBeConfiguration(record.bytes())) {
                    continue;
                }
                Entry<JRaftPayload> entry = log.codec().decode(record.bytes(), 0, record.bytes().length);
                if (LogEntryMapping.isConfiguration(entry)) {
                    manager.add(configurationEntry(mapping.toLogEntry(entry)));
                    added++;
                }
            }
        }
        return added;
    }

    static ConfigurationEntry configurationEntry(LogEntry entry) {
        ConfigurationEntry configuration = new ConfigurationEntry();
        configuration.setId(new com.alipay.sofa.jraft.entity.LogId(entry.getId().getIndex(), entry.getId().getTerm()));
        configuration.setConf(new Configuration(orEmpty(entry.getPeers()), entry.getLearners()));
        if (entry.getOldPeers() != null) {
            configuration.setOldConf(new Configuration(entry.getOldPeers(), entry.getOldLearners()));
        }
        return configuration;
    }

    private static List<PeerId> orEmpty(List<PeerId> peers) {
        return peers == null ? List.of() : peers;
    }

    /**
     * Whether the raft line may hold a configuration: false only when it certainly does not (a {@code Blank} line,
     * or a {@code Normal} line whose payload type is not {@value JRaftPayload#CONFIGURATION}).
     */
    static boolean mayBeConfiguration(byte[] line) {
        try (JsonParser parser = MAPPER.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return true;
            }
            String kind = null;
            String payloadType = null;
            boolean payloadSeen = false;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("kind".equals(name) && value == JsonToken.VALUE_STRING) {
                    kind = parser.getString();
                    if (!"Normal".equals(kind)) {
                        return !"Blank".equals(kind);
                    }
                    if (payloadSeen) {
                        return JRaftPayload.CONFIGURATION.equals(payloadType);
                    }
                } else if ("payload".equals(name) && value == JsonToken.START_OBJECT) {
                    payloadSeen = true;
                    payloadType = leadingType(parser, kind == null);
                    if (kind != null) {
                        return JRaftPayload.CONFIGURATION.equals(payloadType);
                    }
                } else {
                    parser.skipChildren();
                }
            }
            return true;
        } catch (JacksonException e) {
            return true;
        }
    }

    /**
     * The payload's {@code type}, read with the parser on the payload's START_OBJECT. Leaves the parser after the
     * payload if {@code consume}, else anywhere inside it.
     */
    private static String leadingType(JsonParser parser, boolean consume) {
        String type = null;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("type".equals(name) && value == JsonToken.VALUE_STRING) {
                type = parser.getString();
                if (!consume) {
                    return type;
                }
            } else {
                parser.skipChildren();
            }
        }
        return type;
    }
}
