package io.timevault.store.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.store.Partition;
import io.timevault.store.PartitionConfig;
import io.timevault.store.support.Layout;
import io.timevault.store.support.Records;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Our deviation: an index block also closes once its records reach 64 KiB (docs/compatibility.md), so a
 * single-record read of large records scans at most one small block. Small records keep timevault-rs's blocks of
 * {@code max_records}.
 */
class IndexBlockBytesTest extends PartitionFixture {

    private static final UUID ID = UUID.fromString("0b10c4b7-7e5b-4d1c-9a51-64c1b0c4b7e5");
    /** 20,000 characters of payload: four records pass 64 KiB, three do not. */
    private static final String BIG = "x".repeat(20_000);

    IndexBlockBytesTest() {
        super(ID);
    }

    @Test
    void blocksOfLargeRecordsCloseAt64KiBAndRecoveryReblocksTheTailTheSameWay() {
        Partition p = store.createPartition(ID, PartitionConfig.defaults());
        for (long k = 1; k <= 6; k++) {
            p.append(k, Records.withPayload(k, BIG));
        }
        p.sync();
        long record = Records.withPayload(1, BIG).length;
        assertThat(record * 3).isLessThan(64 * 1024);
        assertThat(record * 4).isGreaterThanOrEqualTo(64 * 1024);
        assertThat(indexLines(p)).containsExactly(block(1, 4, 0, 4 * record));

        Partition reopened = reopen(); // records 5 and 6 are the unindexed tail, re-blocked by recovery
        reopened.append(7, Records.withPayload(7, BIG));
        reopened.append(8, Records.withPayload(8, BIG));
        reopened.sync();
        assertThat(indexLines(reopened)).containsExactly(block(1, 4, 0, 4 * record),
                block(5, 8, 4 * record, 4 * record));
        assertThat(Records.keys(reopened.readRange(6, 6))).containsExactly(6L);
        assertThat(reopened.readRange(6, 6).get(0).bytes()).isEqualTo(Records.withPayload(6, BIG));
    }

    @Test
    void smallRecordsKeepTheRecordCountCadence() {
        Partition p = store.createPartition(ID, PartitionConfig.defaults());
        for (long k = 1; k <= 130; k++) {
            p.append(k, Records.rec(k));
        }
        p.sync();
        assertThat(indexLines(p)).hasSize(1);
        assertThat(indexLines(p).get(0)).startsWith("{\"block_min_key\":1,\"block_max_key\":128,");
    }

    private static List<String> indexLines(Partition p) {
        return Layout.lines(Layout.index(p.directory(), 1));
    }

    private static String block(long min, long max, long offset, long length) {
        return "{\"block_min_key\":" + min + ",\"block_max_key\":" + max + ",\"file_offset_bytes\":" + offset
                + ",\"block_len_bytes\":" + length + "}";
    }
}
