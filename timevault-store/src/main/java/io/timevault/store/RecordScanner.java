package io.timevault.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Walks the records of a chunk region {@code [start, end)} with the partition's {@link FormatPlugin}. Stops at
 * the first byte that does not begin a complete, valid record and remembers where and why, so the caller decides
 * whether that is a torn tail (nothing valid after it) or corruption.
 *
 * <p>The read buffer grows to hold one record but never beyond the bytes left in the region, so a corrupt
 * length can not make it allocate more than the file holds.
 *
 * <p>Not thread-safe.
 */
final class RecordScanner {

    private static final int INITIAL_BUFFER = 64 * 1024;

    private final FileChannel channel;
    private final Path file;
    private final FormatPlugin format;
    private final long end;
    private byte[] buf;
    private long bufStart;
    private int bufLen;
    private long position;

    private long recordOffset = -1;
    private int recordLength;
    private long recordKey;
    private int recordPosInBuf;
    private long badOffset = -1;
    private String badReason;

    private final boolean validate;

    RecordScanner(FileChannel channel, Path file, FormatPlugin format, long start, long end) {
        this(channel, file, format, start, end, true);
    }

    /**
     * @param validate whether to validate every record fully (recovery) or only read its key (reads of records that
     *                 were validated when appended)
     */
    RecordScanner(FileChannel channel, Path file, FormatPlugin format, long start, long end, boolean validate) {
        this.validate = validate;
        this.channel = channel;
        this.file = file;
        this.format = format;
        this.end = end;
        this.position = start;
        this.bufStart = start;
        this.buf = new byte[(int) Math.min(INITIAL_BUFFER, Math.max(16, end - start))];
        // the buffer is sized to the region: a one-block read does not allocate 64 KiB
    }

    /** Advances to the next record; false at the end of the region or at a bad record (see {@link #badOffset()}). */
    boolean next() throws IOException {
        if (position >= end || badOffset >= 0) {
            return false;
        }
        while (true) {
            int off = (int) (position - bufStart);
            int avail = bufLen - off;
            int len = format.frameLength(buf, off, avail);
            if (len > 0) {
                try {
                    recordKey = validate ? format.orderKey(buf, off, len) : format.peekKey(buf, off, len);
                } catch (InvalidRecordException e) {
                    badOffset = position;
                    badReason = e.getMessage();
                    return false;
                }
                recordOffset = position;
                recordLength = len;
                recordPosInBuf = off;
                position += len;
                return true;
            }
            if (bufStart + bufLen >= end) {
                badOffset = position;
                badReason = "incomplete record (" + (end - position) + " bytes, no terminator)";
                return false;
            }
            refill();
        }
    }

    private void refill() throws IOException {
        int off = (int) (position - bufStart);
        int keep = bufLen - off;
        if (keep == buf.length) {
            long left = end - position;
            buf = Arrays.copyOf(buf, (int) Math.min(Math.max(buf.length * 2L, 16), Math.min(left, Integer.MAX_VALUE - 16)));
        }
        System.arraycopy(buf, off, buf, 0, keep);
        bufStart = position;
        bufLen = keep;
        int want = (int) Math.min(buf.length - keep, end - (bufStart + bufLen));
        ByteBuffer bb = ByteBuffer.wrap(buf, bufLen, want);
        DurableFiles.readFully(channel, bb, bufStart + bufLen, file);
        bufLen += want;
    }

    long offset() {
        return recordOffset;
    }

    int length() {
        return recordLength;
    }

    long key() {
        return recordKey;
    }

    /** Adds the current record to {@code builder} (see {@link BlockBuilder#add}). */
    IndexBlock addTo(BlockBuilder builder) {
        return builder.add(recordKey, recordOffset, buf, recordPosInBuf, recordLength);
    }

    /** Feeds the current record's bytes to {@code checksum}, without copying them. */
    void updateChecksum(java.util.zip.Checksum checksum) {
        checksum.update(buf, recordPosInBuf, recordLength);
    }

    byte[] bytes() {
        return Arrays.copyOfRange(buf, recordPosInBuf, recordPosInBuf + recordLength);
    }

    /** End of the last good record (where a torn tail would be cut). */
    long position() {
        return position;
    }

    /** Offset of the first bad byte, or -1. */
    long badOffset() {
        return badOffset;
    }

    String badReason() {
        return badReason;
    }

    /**
     * Whether a complete, valid record starts at any line boundary after {@code from}: the difference between a
     * torn tail (none) and corruption in the middle of durable data (some).
     */
    static boolean anyValidRecordAfter(FileChannel channel, Path file, FormatPlugin format, long from, long end)
            throws IOException {
        long pos = from;
        byte[] window = new byte[(int) Math.min(64 * 1024, Math.max(1, end - from))];
        while (pos < end) {
            int n = (int) Math.min(window.length, end - pos);
            DurableFiles.readFully(channel, ByteBuffer.wrap(window, 0, n), pos, file);
            int lf = -1;
            for (int i = 0; i < n; i++) {
                if (window[i] == '\n') {
                    lf = i;
                    break;
                }
            }
            if (lf < 0) {
                pos += n;
                continue;
            }
            long candidate = pos + lf + 1;
            if (candidate >= end) {
                return false;
            }
            RecordScanner s = new RecordScanner(channel, file, format, candidate, end);
            if (s.next()) {
                return true;
            }
            pos = candidate;
        }
        return false;
    }
}
