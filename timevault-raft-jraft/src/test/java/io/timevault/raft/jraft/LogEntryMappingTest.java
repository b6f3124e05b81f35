package io.timevault.raft.jraft;

import static io.timevault.raft.jraft.LogEntries.configuration;
import static io.timevault.raft.jraft.LogEntries.data;
import static io.timevault.raft.jraft.LogEntries.noOp;
import static io.timevault.raft.jraft.LogEntries.peers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.alipay.sofa.jraft.entity.EnumOutter.EntryType;
import com.alipay.sofa.jraft.entity.LogEntry;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.entity.codec.v2.LogEntryV2CodecFactory;
import io.timevault.raft.Entry;
import io.timevault.raft.EntryPayload;
import io.timevault.raft.LogId;
import io.timevault.raft.Membership;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LogEntryMappingTest {

    private final LogEntryMapping mapping = new LogEntryMapping(false);
    private final LogEntryMapping checksummed = new LogEntryMapping(true);

    /** Decodes our entry from its on-disk line, as a restarted node would. */
    private LogEntry roundTrip(LogEntryMapping m, LogEntry entry) {
        byte[] line = GroupLogs.CODEC.encode(m.toEntry(entry));
        return m.toLogEntry(GroupLogs.CODEC.decode(line, 0, line.length));
    }

    private static String line(Entry<JRaftPayload> entry) {
        return new String(GroupLogs.CODEC.encode(entry), StandardCharsets.UTF_8);
    }

    static Stream<LogEntry> entries() {
        LogEntry joint = configuration(9, 3, "127.0.0.1:8081,127.0.0.1:8082,127.0.0.1:8084");
        joint.setOldPeers(peers("127.0.0.1:8081,127.0.0.1:8082,127.0.0.1:8083"));
        LogEntry learners = configuration(10, 3, "127.0.0.1:8081,127.0.0.1:8082,127.0.0.1:8083");
        learners.setLearners(peers("127.0.0.1:9001,127.0.0.1:9000"));
        LogEntry jointLearners = configuration(11, 3, "127.0.0.1:8081");
        jointLearners.setOldPeers(peers("127.0.0.1:8082"));
        jointLearners.setLearners(peers("127.0.0.1:9000"));
        jointLearners.setOldLearners(peers("127.0.0.1:9001"));
        LogEntry priorities = configuration(12, 4, "127.0.0.1:8081::100,127.0.0.1:8082:1:0,host.example:8083");
        LogEntry unordered = configuration(13, 4, "127.0.0.1:8083,127.0.0.1:8081,127.0.0.1:8082");
        LogEntry configurationWithData = configuration(14, 4, "127.0.0.1:8081");
        configurationWithData.setData(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        LogEntry dataWithPeers = data(15, 4, "x");
        dataWithPeers.setPeers(peers("127.0.0.1:8081"));
        LogEntry noOpWithData = noOp(16, 4);
        noOpWithData.setData(ByteBuffer.wrap(new byte[] {0}));
        LogEntry binary = data(17, 5, "");
        binary.setData(ByteBuffer.wrap(new byte[] {0, (byte) 0xff, '\n', '"', '\\'}));
        LogEntry checksumData = data(18, 5, "checked");
        checksumData.setChecksum(checksumData.checksum());
        LogEntry wrongChecksum = data(19, 5, "corrupt");
        wrongChecksum.setChecksum(42);
        return Stream.of(data(1, 1, "hello"), data(2, 1, ""), noOp(3, 1),
                configuration(4, 2, "127.0.0.1:8081,127.0.0.1:8082,127.0.0.1:8083"), joint, learners, jointLearners,
                priorities, unordered, configurationWithData, dataWithPeers, noOpWithData, binary, checksumData,
                wrongChecksum, new LogEntry(EntryType.ENTRY_TYPE_UNKNOWN));
    }

    @ParameterizedTest
    @MethodSource("entries")
    void everyEntryRoundTripsThroughItsLineExactly(LogEntry entry) {
        LogEntry back = roundTrip(mapping, entry);

        assertThat(LogEntryMapping.sameEntry(entry, back)).as("%s came back as %s", entry, back).isTrue();
        assertThat(back).isEqualTo(v2RoundTrip(entry));
        assertThat(back.hasChecksum()).isEqualTo(entry.hasChecksum());
        assertThat(back.getChecksum()).isEqualTo(entry.getChecksum());
    }

    @ParameterizedTest
    @MethodSource("entries")
    void everyEntryRoundTripsWithChecksumsEnabled(LogEntry entry) {
        if (entry.getType() != EntryType.ENTRY_TYPE_DATA && !entry.hasChecksum()) {
            entry.setChecksum(entry.checksum()); // what jraft does to every entry when checksums are on
        }
        LogEntry back = roundTrip(checksummed, entry);

        assertThat(LogEntryMapping.sameEntry(entry, back)).as("%s came back as %s", entry, back).isTrue();
        assertThat(back.isCorrupted()).isEqualTo(entry.isCorrupted());
    }

    /** What jraft's own RocksDB storage gives back: the standard our "exact" is measured against. */
    private static LogEntry v2RoundTrip(LogEntry entry) {
        LogEntryV2CodecFactory codec = LogEntryV2CodecFactory.getInstance();
        return codec.decoder().decode(codec.encoder().encode(entry));
    }

    @Test
    void dataThatIsNotJsonIsANormalEntryWithBase64DataInAReadableLine() {
        Entry<JRaftPayload> entry = mapping.toEntry(data(7, 2, "hello"));

        assertThat(line(entry)).isEqualTo("{\"timestamp\":7,\"log_id\":{\"leader_id\":{\"term\":2,\"node_id\":0},"
                + "\"index\":7},\"kind\":\"Normal\",\"payload\":{\"type\":\"DATA\",\"base64\":\"aGVsbG8=\"}}\n");
    }

    @Test
    void dataThatIsOneJsonValueIsStoredAsThatJson() {
        Entry<JRaftPayload> entry = mapping.toEntry(data(7, 2, "{\"op\":\"PUT\", \"key\":\"a\",\"n\":1.50}"));

        assertThat(line(entry)).isEqualTo("{\"timestamp\":7,\"log_id\":{\"leader_id\":{\"term\":2,\"node_id\":0},"
                + "\"index\":7},\"kind\":\"Normal\",\"payload\":{\"type\":\"DATA\","
                + "\"json\":{\"op\":\"PUT\", \"key\":\"a\",\"n\":1.50}}}\n");
    }

    @Test
    void recordsWrittenBeforeTheJsonFormWithBase64InDataStillRead() {
        byte[] line = ("{\"timestamp\":7,\"log_id\":{\"leader_id\":{\"term\":2,\"node_id\":0},\"index\":7},"
                + "\"kind\":\"Normal\",\"payload\":{\"type\":\"DATA\",\"data\":\"eyJvcCI6IlBVVCJ9\"}}\n")
                .getBytes(StandardCharsets.UTF_8);

        LogEntry entry = mapping.toLogEntry(GroupLogs.CODEC.decode(line, 0, line.length));

        assertThat(entry).isEqualTo(data(7, 2, "{\"op\":\"PUT\"}"));
    }

    @Test
    void aNoOpBecomesABlankEntry() {
        Entry<JRaftPayload> entry = mapping.toEntry(noOp(3, 1));

        assertThat(entry).isEqualTo(Entry.blank(LogId.of(1, 0, 3)));
    }

    @Test
    void aNoOpWithChecksumBecomesBlankWhenChecksumsAreOnAndTypedWhenTheyAreOff() {
        LogEntry entry = noOp(3, 1);
        entry.setChecksum(entry.checksum());

        assertThat(checksummed.toEntry(entry).payload()).isInstanceOf(EntryPayload.Blank.class);
        assertThat(mapping.toEntry(entry).payload()).isInstanceOf(EntryPayload.Normal.class);
    }

    @Test
    void aConfigurationInPeerOrderBecomesAMembershipEntryKeyedByNodeIds() {
        Entry<JRaftPayload> entry = mapping.toEntry(configuration(4, 2, "127.0.0.1:8081,127.0.0.1:8082"));

        Membership membership = entry.membership().orElseThrow();
        long first = PeerIds.nodeId(PeerIds.parse("127.0.0.1:8081"));
        long second = PeerIds.nodeId(PeerIds.parse("127.0.0.1:8082"));
        assertThat(membership.configs()).containsExactly(java.util.SortedSet.class.cast(
                new java.util.TreeSet<>(List.of(first, second))));
        assertThat(membership.nodes().get(first).addr()).isEqualTo("127.0.0.1:8081");
        assertThat(line(entry)).contains("\"kind\":\"Membership\"", "\"addr\":\"127.0.0.1:8082\"");
    }

    @Test
    void aJointConfigurationListsTheOldVotersFirstAndLearnersAsNodesInNoConfig() {
        LogEntry joint = configuration(9, 3, "127.0.0.1:8081,127.0.0.1:8084");
        joint.setOldPeers(peers("127.0.0.1:8081,127.0.0.1:8082"));
        joint.setLearners(peers("127.0.0.1:9000"));
        joint.setOldLearners(peers("127.0.0.1:9000"));

        Membership membership = mapping.toEntry(joint).membership().orElseThrow();

        assertThat(membership.configs()).hasSize(2);
        assertThat(membership.configs().get(0)).contains(PeerIds.nodeId(PeerIds.parse("127.0.0.1:8082")));
        assertThat(membership.configs().get(1)).contains(PeerIds.nodeId(PeerIds.parse("127.0.0.1:8084")));
        assertThat(membership.learnerIds()).containsExactly(PeerIds.nodeId(PeerIds.parse("127.0.0.1:9000")));
    }

    @Test
    void aConfigurationTheMembershipCannotOrderFallsBackToATypedPayload() {
        Entry<JRaftPayload> entry = mapping.toEntry(configuration(13, 4, "127.0.0.1:8083,127.0.0.1:8081"));

        assertThat(entry.payload()).isEqualTo(EntryPayload.normal(new JRaftPayload("CONFIGURATION", null,
                List.of("127.0.0.1:8083", "127.0.0.1:8081"), null, null, null, null)));
        assertThat(LogEntryMapping.isConfiguration(entry)).isTrue();
    }

    @Test
    void differentLearnersInTheOldAndNewConfigurationFallBackToATypedPayload() {
        LogEntry joint = configuration(11, 3, "127.0.0.1:8081");
        joint.setOldPeers(peers("127.0.0.1:8082"));
        joint.setLearners(peers("127.0.0.1:9000"));

        assertThat(mapping.toEntry(joint).payload()).isInstanceOf(EntryPayload.Normal.class);
    }

    @Test
    void theEntryPassedInIsNotChanged() {
        LogEntry entry = data(1, 1, "hello");
        ByteBuffer data = entry.getData();
        int position = data.position();

        mapping.toEntry(entry);

        assertThat(entry.getData()).isSameAs(data);
        assertThat(data.position()).isEqualTo(position);
    }

    @Test
    void onlyConfigurationsAreConfigurations() {
        assertThat(LogEntryMapping.isConfiguration(mapping.toEntry(configuration(1, 1, "127.0.0.1:8081")))).isTrue();
        assertThat(LogEntryMapping.isConfiguration(mapping.toEntry(data(1, 1, "x")))).isFalse();
        assertThat(LogEntryMapping.isConfiguration(mapping.toEntry(noOp(1, 1)))).isFalse();
    }

    @Test
    void anUnknownTypedEntryTypeIsRejected() {
        Entry<JRaftPayload> entry = Entry.normal(LogId.of(1, 0, 1),
                new JRaftPayload("SOMETHING", null, null, null, null, null, null));

        assertThatIllegalArgumentException().isThrownBy(() -> mapping.toLogEntry(entry))
                .withMessageContaining("SOMETHING");
    }

    @Test
    void aMembershipNodeThatIsNotAPeerIsRejected() {
        Entry<JRaftPayload> entry = Entry.membership(LogId.of(1, 0, 1),
                Membership.of(List.of(java.util.Set.of(1L)), java.util.Map.of(1L, new io.timevault.raft.Node("nowhere"))));

        assertThatIllegalArgumentException().isThrownBy(() -> mapping.toLogEntry(entry)).withMessageContaining("nowhere");
    }

    @Test
    void thePeerOfAMembershipKeepsItsPriority() {
        LogEntry entry = configuration(1, 1, "127.0.0.1:8081::5,127.0.0.1:8082::0");

        LogEntry back = roundTrip(mapping, entry);

        assertThat(back.getPeers()).extracting(PeerId::getPriority).containsExactly(5, 0);
        assertThat(mapping.toEntry(entry).payload()).isInstanceOf(EntryPayload.MembershipChange.class);
    }
}
