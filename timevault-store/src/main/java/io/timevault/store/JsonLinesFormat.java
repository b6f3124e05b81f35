package io.timevault.store;

import io.timevault.store.json.JsonParseException;
import io.timevault.store.json.JsonReader;
import java.nio.charset.StandardCharsets;

/**
 * The {@code jsonl} and {@code jsonl_struct} formats (spec §2.4.1, §2.4.2): a record is one UTF-8 JSON object
 * terminated by LF (a CR before it is tolerated as whitespace) whose top-level integer field {@code timestamp}
 * is the order key, reinterpreted from signed to unsigned 64-bit as timevault-rs does.
 *
 * <p>Both names frame identically here. timevault-rs's {@code jsonl_struct} scanner mis-frames lines that cross
 * its 8 KiB buffer (spec §7 item 23); ours does not. A final line without LF is not a record: we always write
 * the LF, so a line without one is a torn write.
 */
final class JsonLinesFormat implements FormatPlugin {

    private static final byte[] TIMESTAMP = "timestamp".getBytes(StandardCharsets.US_ASCII);

    private final String name;

    JsonLinesFormat(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int frameLength(byte[] buf, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            if (buf[i] == '\n') {
                return i - off + 1;
            }
        }
        return -1;
    }

    @Override
    public long orderKey(byte[] buf, int off, int len) {
        if (len == 0 || buf[off + len - 1] != '\n') {
            throw new InvalidRecordException("a " + name + " record must end with LF");
        }
        for (int i = off, end = off + len - 1; i < end; i++) {
            if (buf[i] == '\n') {
                throw new InvalidRecordException("a " + name + " record must be exactly one line; LF at byte " + (i - off));
            }
        }
        try {
            return JsonReader.topLevelInteger(buf, off, len - 1, TIMESTAMP);
        } catch (JsonParseException e) {
            throw new InvalidRecordException("not a " + name + " record: " + e.getMessage());
        }
    }
}
