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
        int lf = LineFeeds.indexOf(buf, off, off + len);
        return lf < 0 ? -1 : lf - off + 1;
    }

    private static final byte[] KEY_FIRST = "{\"timestamp\":".getBytes(StandardCharsets.US_ASCII);

    /**
     * Reads skip the full JSON scan when the line starts with {@code {"timestamp":<integer>,} — how every writer we
     * know lays it out — so a range read over a block costs a few nanoseconds per skipped record.
     */
    @Override
    public long peekKey(byte[] buf, int off, int len) {
        if (len > KEY_FIRST.length + 2) {
            boolean prefix = true;
            for (int i = 0; i < KEY_FIRST.length && prefix; i++) {
                prefix = buf[off + i] == KEY_FIRST[i];
            }
            if (prefix) {
                int p = off + KEY_FIRST.length;
                int end = off + len;
                boolean negative = buf[p] == '-';
                if (negative) {
                    p++;
                }
                int start = p;
                long v = 0;
                while (p < end && buf[p] >= '0' && buf[p] <= '9' && p - start < 18) {
                    v = v * 10 + (buf[p] - '0');
                    p++;
                }
                if (p > start && p < end && (buf[p] == ',' || buf[p] == '}') && (buf[start] != '0' || p - start == 1)) {
                    return negative ? -v : v;
                }
            }
        }
        return orderKey(buf, off, len);
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
