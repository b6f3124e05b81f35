package io.timevault.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.timevault.store.FormatPlugins;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

class JacksonFormatPluginTest {

    record Value(int value) {
    }

    record Command(String keyName) {
    }

    static final class Exploding {
        public String getValue() {
            throw new IllegalStateException("boom");
        }
    }

    private final JacksonFormatPlugin<Value> codec = JacksonFormatPlugin.forType(Value.class);

    // The three lines of spec timevault-format §2.4.3, as timevault-rs writes them.
    private static final String BLANK_5 =
            "{\"timestamp\":5,\"log_id\":{\"leader_id\":{\"term\":1,\"node_id\":0},\"index\":5},\"kind\":\"Blank\",\"payload\":null}\n";
    private static final String MEMBERSHIP_6 =
            "{\"timestamp\":6,\"log_id\":{\"leader_id\":{\"term\":1,\"node_id\":0},\"index\":6},\"kind\":\"Membership\","
                    + "\"payload\":{\"configs\":[[2,10]],\"nodes\":{\"10\":{\"addr\":\"\"},\"2\":{\"addr\":\"\"}}}}\n";
    private static final String NORMAL_7 =
            "{\"timestamp\":7,\"log_id\":{\"leader_id\":{\"term\":3,\"node_id\":176},\"index\":7},\"kind\":\"Normal\","
                    + "\"payload\":{\"value\":42}}\n";

    @Test
    void blankEntryEncodesToTheTimevaultRsLine() {
        byte[] record = codec.encode(Entry.blank(LogId.of(1, 0, 5)));
        assertThat(text(record)).isEqualTo(BLANK_5);
        assertThat(record).hasSize(102);
    }

    @Test
    void membershipEntryEncodesNodeKeysSortedAsStrings() {
        byte[] record = codec.encode(Entry.membership(LogId.of(1, 0, 6), Membership.of(Set.of(2L, 10L))));
        assertThat(text(record)).isEqualTo(MEMBERSHIP_6);
        assertThat(record).hasSize(166);
    }

    @Test
    void normalEntryEncodesItsDataAsThePayload() {
        byte[] record = codec.encode(Entry.normal(LogId.of(3, 176, 7), new Value(42)));
        assertThat(text(record)).isEqualTo(NORMAL_7);
        assertThat(record).hasSize(113);
    }

    @Test
    void timevaultRsLinesDecodeToTheirEntries() {
        assertThat(decode(BLANK_5)).isEqualTo(Entry.blank(LogId.of(1, 0, 5)));
        assertThat(decode(MEMBERSHIP_6)).isEqualTo(Entry.membership(LogId.of(1, 0, 6), Membership.of(Set.of(2L, 10L))));
        assertThat(decode(NORMAL_7)).isEqualTo(Entry.normal(LogId.of(3, 176, 7), new Value(42)));
    }

    @Test
    void recordsAreSingleJsonlLinesKeyedByTheIndex() {
        for (byte[] record : List.of(codec.encode(Entry.blank(LogId.of(1, 0, 5))),
                codec.encode(Entry.normal(LogId.of(3, 176, 7), new Value(42))))) {
            assertThat(FormatPlugins.JSONL.frameLength(record, 0, record.length)).isEqualTo(record.length);
            assertThat(codec.frameLength(record, 0, record.length)).isEqualTo(record.length);
        }
        byte[] record = codec.encode(Entry.blank(LogId.of(1, 0, 5)));
        assertThat(FormatPlugins.JSONL.orderKey(record, 0, record.length)).isEqualTo(5);
        assertThat(codec.name()).isEqualTo("jsonl");
    }

    /** Spec §6.10 item 63: timevault-rs reads records with keys in sorted order; so do we. */
    @Test
    void decodingAcceptsAnyFieldOrderAndUnknownFields() {
        String sorted = "{\"extra\":[1],\"kind\":\"Normal\",\"log_id\":{\"index\":2,\"leader_id\":{\"node_id\":0,\"term\":1}},"
                + "\"payload\":{\"value\":2},\"timestamp\":2}\n";
        assertThat(decode(sorted)).isEqualTo(Entry.normal(LogId.of(1, 0, 2), new Value(2)));
    }

    @Test
    void decodingReadsFromAnOffsetWithinABuffer() {
        byte[] buffer = (BLANK_5 + NORMAL_7).getBytes(StandardCharsets.UTF_8);
        int offset = BLANK_5.length();
        assertThat(codec.decode(buffer, offset, buffer.length - offset))
                .isEqualTo(Entry.normal(LogId.of(3, 176, 7), new Value(42)));
    }

    @Test
    void genericDataTypeRoundTrips() {
        JacksonFormatPlugin<List<Map<String, Long>>> generic =
                JacksonFormatPlugin.forType(new TypeReference<List<Map<String, Long>>>() { }, JsonMapper.builder().build());
        Entry<List<Map<String, Long>>> entry = Entry.normal(LogId.of(1, 1, 1), List.of(Map.of("a", 1L), Map.of("b", 2L)));
        assertThat(generic.decode(generic.encode(entry), 0, generic.encode(entry).length)).isEqualTo(entry);
        assertThat(generic.dataType().toCanonical()).contains("java.util.List<java.util.Map<java.lang.String,java.lang.Long>>");
    }

    @Test
    void codecBuiltFromAJavaTypeBindsThatType() {
        JavaType type = JsonMapper.builder().build().getTypeFactory()
                .constructMapType(java.util.TreeMap.class, String.class, Long.class);
        JacksonFormatPlugin<Map<String, Long>> maps = JacksonFormatPlugin.forJavaType(type);
        Entry<Map<String, Long>> entry = Entry.normal(LogId.of(2, 1, 4), new java.util.TreeMap<>(Map.of("b", 2L, "a", 1L)));
        byte[] record = maps.encode(entry);
        assertThat(text(record)).endsWith("\"payload\":{\"a\":1,\"b\":2}}\n");
        assertThat(maps.decode(record, 0, record.length)).isEqualTo(entry);
        assertThat(maps.decode(record, 0, record.length).payload())
                .isInstanceOfSatisfying(EntryPayload.Normal.class, n -> assertThat(n.data()).isInstanceOf(java.util.TreeMap.class));
    }

    @Test
    void userMapperSerializesTheDataAndIndentationCannotBreakTheLine() {
        JsonMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
        JacksonFormatPlugin<Command> snake = JacksonFormatPlugin.forType(Command.class, mapper);
        byte[] record = snake.encode(Entry.normal(LogId.of(1, 0, 1), new Command("k")));
        assertThat(text(record)).endsWith("\"kind\":\"Normal\",\"payload\":{\"key_name\":\"k\"}}\n").containsOnlyOnce("\n");
        assertThat(snake.decode(record, 0, record.length)).isEqualTo(Entry.normal(LogId.of(1, 0, 1), new Command("k")));
    }

    @Test
    void unsignedIdsAboveLongMaxRoundTripAsU64AndTheTimestampAsI64() {
        long max = -1L; // 2^64 - 1
        long index = Long.MIN_VALUE; // 2^63
        Entry<Value> entry = Entry.blank(new LogId(new LeaderId(max, max), index));
        byte[] record = codec.encode(entry);
        assertThat(text(record)).startsWith("{\"timestamp\":-9223372036854775808,\"log_id\":{\"leader_id\":"
                + "{\"term\":18446744073709551615,\"node_id\":18446744073709551615},\"index\":9223372036854775808}");
        assertThat(codec.decode(record, 0, record.length)).isEqualTo(entry);
        assertThat(FormatPlugins.JSONL.orderKey(record, 0, record.length)).isEqualTo(index);
    }

    @Test
    void normalLinesInTheEncodersLayoutDecodeLikeAnyOtherLayout() {
        long max = -1L;
        for (LogId id : List.of(LogId.of(3, 176, 7), new LogId(new LeaderId(max, max), Long.MIN_VALUE),
                new LogId(new LeaderId(0, 0), max), LogId.of(1, 0, 0))) {
            Entry<Value> entry = Entry.normal(id, new Value(42));
            byte[] record = codec.encode(entry);
            assertThat(codec.decode(record, 0, record.length)).isEqualTo(entry);
        }
        // a field after the payload: not the encoder's layout, still a valid line
        String extra = NORMAL_7.replace("{\"value\":42}}", "{\"value\":42},\"extra\":[1]}");
        assertThat(decode(extra)).isEqualTo(Entry.normal(LogId.of(3, 176, 7), new Value(42)));
    }

    static Stream<Arguments> undecodableRecords() {
        String id = "\"log_id\":{\"leader_id\":{\"term\":1,\"node_id\":0},\"index\":3}";
        return Stream.of(
                Arguments.of("not JSON", "notjson\n"),
                Arguments.of("not an object", "[3]\n"),
                Arguments.of("no timestamp", "{" + id + ",\"kind\":\"Blank\",\"payload\":null}\n"),
                Arguments.of("no log_id", "{\"timestamp\":3,\"kind\":\"Blank\",\"payload\":null}\n"),
                Arguments.of("timestamp is not the index", "{\"timestamp\":4," + id + ",\"kind\":\"Blank\",\"payload\":null}\n"),
                Arguments.of("negative term", "{\"timestamp\":3,\"log_id\":{\"leader_id\":{\"term\":-1,\"node_id\":0},"
                        + "\"index\":3},\"kind\":\"Blank\",\"payload\":null}\n"),
                Arguments.of("index above u64", "{\"timestamp\":3,\"log_id\":{\"leader_id\":{\"term\":1,\"node_id\":0},"
                        + "\"index\":18446744073709551616},\"kind\":\"Blank\",\"payload\":null}\n"),
                Arguments.of("no kind", "{\"timestamp\":3," + id + ",\"payload\":null}\n"),
                Arguments.of("unknown kind", "{\"timestamp\":3," + id + ",\"kind\":\"Snapshot\",\"payload\":null}\n"),
                Arguments.of("Normal without payload", "{\"timestamp\":3," + id + ",\"kind\":\"Normal\",\"payload\":null}\n"),
                Arguments.of("Normal payload of another type", "{\"timestamp\":3," + id + ",\"kind\":\"Normal\",\"payload\":\"x\"}\n"),
                Arguments.of("Membership payload not an object", "{\"timestamp\":3," + id + ",\"kind\":\"Membership\",\"payload\":1}\n"),
                Arguments.of("Membership node key not an id", "{\"timestamp\":3," + id + ",\"kind\":\"Membership\","
                        + "\"payload\":{\"configs\":[[1]],\"nodes\":{\"one\":{\"addr\":\"\"}}}}\n"),
                Arguments.of("Membership node without addr", "{\"timestamp\":3," + id + ",\"kind\":\"Membership\","
                        + "\"payload\":{\"configs\":[[1]],\"nodes\":{\"1\":{}}}}\n"),
                Arguments.of("trailing tokens", "{\"timestamp\":3," + id + ",\"kind\":\"Blank\",\"payload\":null} 5\n"),
                // lines in the encoder's own layout, which Normal decoding reads without a tree
                Arguments.of("canonical Normal, timestamp is not the index", "{\"timestamp\":4," + id
                        + ",\"kind\":\"Normal\",\"payload\":{\"value\":1}}\n"),
                Arguments.of("canonical Normal, term with a leading zero", "{\"timestamp\":3,\"log_id\":{\"leader_id\":"
                        + "{\"term\":01,\"node_id\":0},\"index\":3},\"kind\":\"Normal\",\"payload\":{\"value\":1}}\n"),
                Arguments.of("canonical Normal, index above u64", "{\"timestamp\":3,\"log_id\":{\"leader_id\":{\"term\":1,"
                        + "\"node_id\":0},\"index\":18446744073709551616},\"kind\":\"Normal\",\"payload\":{\"value\":1}}\n"),
                Arguments.of("canonical Normal, a brace too many", "{\"timestamp\":3," + id
                        + ",\"kind\":\"Normal\",\"payload\":{\"value\":1}}}\n"),
                Arguments.of("canonical Normal, payload of another type", "{\"timestamp\":3," + id
                        + ",\"kind\":\"Normal\",\"payload\":\"x\"}\n"));
    }

    /** Spec §7 item 28: timevault-rs returns nothing or a Blank for these; we fail loudly. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("undecodableRecords")
    void undecodableRecordIsAnErrorNotASubstituteEntry(String what, String line) {
        assertThatExceptionOfType(RaftRecordException.class).isThrownBy(() -> decode(line));
    }

    @Test
    void dataThatDoesNotSerializeIsAnErrorNamingTheEntry() {
        JacksonFormatPlugin<Exploding> exploding = JacksonFormatPlugin.forType(Exploding.class);
        assertThatExceptionOfType(RaftRecordException.class)
                .isThrownBy(() -> exploding.encode(Entry.normal(LogId.of(1, 0, 9), new Exploding())))
                .withMessageContaining("T1-N0-9");
    }

    @Test
    void supportsOnlyTheJsonlFormatAndItsAlias() {
        assertThat(codec.supportsFormat("jsonl")).isTrue();
        assertThat(codec.supportsFormat("json")).isTrue();
        assertThat(codec.supportsFormat("jsonl_struct")).isFalse();
    }

    private Entry<Value> decode(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return codec.decode(bytes, 0, bytes.length);
    }

    private static String text(byte[] record) {
        return new String(record, StandardCharsets.UTF_8);
    }
}
