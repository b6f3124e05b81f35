package io.timevault.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Strict decoding: a field of the entry type that was renamed, removed or retyped fails loudly, naming the log, the
 * entry and the field; lenient decoding reads such records with defaults.
 */
class JacksonStrictDecodingTest {

    record Order(String orderId, long amount, String note) {
    }

    /** A mapper configured like Spring Boot's: unknown properties ignored, null primitives allowed. */
    private static final JsonMapper BOOT_LIKE = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    private final JacksonFormatPlugin<Order> strict = JacksonFormatPlugin.forType(Order.class, BOOT_LIKE)
            .withStrictDecoding(true).named("orders");
    private final JacksonFormatPlugin<Order> lenient = JacksonFormatPlugin.forType(Order.class, BOOT_LIKE)
            .withStrictDecoding(false);

    private static byte[] line(String payload) {
        return ("{\"timestamp\":7,\"log_id\":{\"leader_id\":{\"term\":3,\"node_id\":1},\"index\":7},\"kind\":\"Normal\","
                + "\"payload\":" + payload + "}\n").getBytes(StandardCharsets.UTF_8);
    }

    private static Order decode(JacksonFormatPlugin<Order> codec, String payload) {
        byte[] record = line(payload);
        return ((EntryPayload.Normal<Order>) codec.decode(record, 0, record.length).payload()).data();
    }

    @Test
    void strictDecodingReadsRecordsThatMatchTheEntryType() {
        assertThat(decode(strict, "{\"orderId\":\"o-1\",\"amount\":5}")).isEqualTo(new Order("o-1", 5, null));
    }

    @Test
    void renamedFieldFailsNamingTheLogTheEntryAndTheField() {
        assertThatExceptionOfType(RaftRecordException.class)
                .isThrownBy(() -> decode(strict, "{\"orderNo\":\"o-1\",\"amount\":5}"))
                .withMessageContaining("log 'orders'").withMessageContaining("entry T3-N1-7")
                .withMessageContaining("field 'orderNo'");
    }

    @Test
    void missingPrimitiveFailsNamingTheField() {
        assertThatExceptionOfType(RaftRecordException.class)
                .isThrownBy(() -> decode(strict, "{\"orderId\":\"o-1\"}"))
                .withMessageContaining("field 'amount'");
    }

    @Test
    void nullPrimitiveFailsNamingTheField() {
        assertThatExceptionOfType(RaftRecordException.class)
                .isThrownBy(() -> decode(strict, "{\"orderId\":\"o-1\",\"amount\":null}"))
                .withMessageContaining("field 'amount'");
    }

    @Test
    void missingReferenceFieldReadsAsNullSoFieldsCanBeAdded() {
        assertThat(decode(strict, "{\"orderId\":\"o-1\",\"amount\":5}").note()).isNull();
    }

    @Test
    void lenientDecodingIgnoresUnknownPropertiesAndReadsMissingPrimitivesAsZero() {
        assertThat(decode(lenient, "{\"orderNo\":\"o-1\"}")).isEqualTo(new Order(null, 0, null));
    }

    @Test
    void withoutAChoiceTheMapperDecides() {
        JacksonFormatPlugin<Order> asMapper = JacksonFormatPlugin.forType(Order.class, BOOT_LIKE);
        assertThat(decode(asMapper, "{\"orderNo\":\"o-1\"}")).isEqualTo(new Order(null, 0, null));
    }
}
