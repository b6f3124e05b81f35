package io.timevault.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineFeedsTest {

    private static int naive(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Test
    void findsTheFirstLineFeedAtEveryPositionAndAlignment() {
        for (int size = 0; size <= 40; size++) {
            for (int lf = -1; lf < size; lf++) {
                byte[] buf = new byte[size];
                Arrays.fill(buf, (byte) 'x');
                if (lf >= 0) {
                    buf[lf] = '\n';
                }
                for (int from = 0; from <= size; from++) {
                    for (int to = from; to <= size; to++) {
                        assertThat(LineFeeds.indexOf(buf, from, to)).as("size %d lf %d [%d, %d)", size, lf, from, to)
                                .isEqualTo(naive(buf, from, to));
                    }
                }
            }
        }
    }

    @Test
    void agreesWithAByteLoopOnBytesNearTheLineFeedValue() {
        Random random = new Random(13);
        // 0x0A's neighbours and high bytes are where a word-at-a-time zero test can go wrong
        byte[] alphabet = {'\n', 0x0B, 0x09, 0x0A ^ (byte) 0x80, (byte) 0x8A, 0, (byte) 0xFF, 0x01, 'a'};
        for (int round = 0; round < 20_000; round++) {
            byte[] buf = new byte[1 + random.nextInt(64)];
            for (int i = 0; i < buf.length; i++) {
                buf[i] = alphabet[random.nextInt(alphabet.length)];
            }
            int from = random.nextInt(buf.length + 1);
            int to = from + random.nextInt(buf.length - from + 1);
            assertThat(LineFeeds.indexOf(buf, from, to)).isEqualTo(naive(buf, from, to));
        }
    }
}
