package io.timevault.raft.jraft;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.sofa.jraft.entity.EnumOutter.EntryType;
import com.alipay.sofa.jraft.entity.LogEntry;
import io.timevault.raft.Entry;
import io.timevault.raft.EntryPayload;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Byte-exactness of jraft data through the on-disk record, as a property over random inputs (a seeded loop: jqwik
 * does not run on this build's JUnit Platform). Run with {@code -Dtimevault.seed=N} to replay a reported seed.
 *
 * <ul>
 *   <li>Random JSON texts ({@link JsonTexts}) are stored as that JSON, the record is one valid JSON line whose
 *       {@code payload.json} is the same JSON value (what {@code jq} shows), and decoding gives back exactly the
 *       proposed bytes: from the encoder's own layout, from a re-ordered line (the general decoding path), and from a
 *       record inside a larger buffer.
 *   <li>Other bytes (random bytes, and JSON texts broken in the ways that matter: surrounding whitespace, a raw line
 *       break, invalid UTF-8, two values, a cut) fall back to base64 and come back exactly too.
 * </ul>
 */
class JRaftPayloadBytesPropertyTest {

    private static final int CASES = 1_000;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final LogEntryMapping mapping = new LogEntryMapping(false);

    private static long seed() {
        return Long.getLong("timevault.seed", new Random().nextLong());
    }

    @Test
    void jsonCommandsAreStoredAsJsonAndReadBackByteForByte() {
        long seed = seed();
        JsonTexts texts = new JsonTexts(seed);
        Random random = new Random(seed);
        for (int i = 1; i <= CASES; i++) {
            byte[] command = texts.next();
            String what = "seed " + seed + ", case " + i + ": " + new String(command, StandardCharsets.UTF_8);
            Entry<JRaftPayload> entry = mapping.toEntry(data(i, command));
            JRaftPayload payload = ((EntryPayload.Normal<JRaftPayload>) entry.payload()).data();
            assertThat(payload.json()).as(what).isNotNull();
            assertThat(payload.base64()).as(what).isNull();

            byte[] line = GroupLogs.CODEC.encode(entry);
            assertThat(indexOf(line, (byte) '\n')).as(what).isEqualTo(line.length - 1);
            JsonNode record = MAPPER.readTree(line);
            assertThat(record.get("payload").get("json")).as("what jq shows, " + what)
                    .isEqualTo(MAPPER.readTree(command));

            assertThat(readBack(line, 0, line.length)).as(what).isEqualTo(command);
            assertThat(readBack(reordered(line), 0, reordered(line).length)).as("general path, " + what)
                    .isEqualTo(command);
            byte[] buffer = embedded(line, random);
            int offset = buffer.length - line.length - 3;
            assertThat(readBack(buffer, offset, line.length)).as("inside a buffer, " + what).isEqualTo(command);
        }
    }

    @Test
    void otherBytesFallBackToBase64AndReadBackByteForByte() {
        long seed = seed();
        JsonTexts texts = new JsonTexts(seed);
        Random random = new Random(seed);
        for (int i = 1; i <= CASES; i++) {
            for (byte[] bytes : notJson(texts.next(), random)) {
                String what = "seed " + seed + ", case " + i + ": " + Arrays.toString(bytes);
                Entry<JRaftPayload> entry = mapping.toEntry(data(i, bytes));
                JRaftPayload payload = ((EntryPayload.Normal<JRaftPayload>) entry.payload()).data();
                if (bytes.length > 0) {
                    assertThat(payload.base64()).as(what).isNotNull();
                }
                assertThat(payload.json()).as(what).isNull();
                byte[] line = GroupLogs.CODEC.encode(entry);
                assertThat(readBack(line, 0, line.length)).as(what).isEqualTo(bytes);
            }
        }
    }

    /** The data of the entry decoded from {@code length} bytes at {@code offset}, mapped back to jraft. */
    private byte[] readBack(byte[] buffer, int offset, int length) {
        LogEntry back = mapping.toLogEntry(GroupLogs.CODEC.decode(buffer, offset, length));
        ByteBuffer data = back.getData();
        if (data == null) {
            return new byte[0];
        }
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        return bytes;
    }

    /** Byte variants of a JSON text that are not one JSON value as stored verbatim, plus random bytes. */
    private static List<byte[]> notJson(byte[] json, Random random) {
        List<byte[]> variants = new ArrayList<>();
        variants.add(concat(" ".getBytes(StandardCharsets.UTF_8), json));
        variants.add(concat(json, "\t".getBytes(StandardCharsets.UTF_8)));
        variants.add(concat(json, "\n".getBytes(StandardCharsets.UTF_8)));
        variants.add(concat(json, " 1".getBytes(StandardCharsets.UTF_8)));
        variants.add(concat("[1,\r\n2]".getBytes(StandardCharsets.UTF_8), new byte[0]));
        variants.add(concat("\"a".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xc3, '"'}));
        variants.add(new byte[] {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'}); // an encoded lone surrogate
        if (json.length > 1 && (json[0] == '{' || json[0] == '[' || json[0] == '"')) {
            variants.add(Arrays.copyOf(json, json.length - 1));
        }
        byte[] noise = new byte[random.nextInt(48)];
        random.nextBytes(noise);
        if (!RawJson.isOneJsonValue(noise)) {
            variants.add(noise);
        }
        return variants;
    }

    /** The same record with its fields in another order, which only the general decoding path reads. */
    private static byte[] reordered(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        int kind = text.indexOf(",\"kind\":\"Normal\"");
        String moved = "{\"kind\":\"Normal\"," + text.substring(1, kind) + text.substring(kind + 16);
        return moved.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] embedded(byte[] line, Random random) {
        byte[] prefix = new byte[1 + random.nextInt(20)];
        Arrays.fill(prefix, (byte) '{');
        return concat(concat(prefix, line), "}}\"".getBytes(StandardCharsets.UTF_8));
    }

    private static LogEntry data(long index, byte[] bytes) {
        LogEntry entry = new LogEntry(EntryType.ENTRY_TYPE_DATA);
        entry.setId(new com.alipay.sofa.jraft.entity.LogId(index, 1));
        entry.setData(ByteBuffer.wrap(bytes));
        return entry;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
