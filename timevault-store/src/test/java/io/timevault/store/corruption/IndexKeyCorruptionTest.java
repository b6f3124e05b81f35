package io.timevault.store.corruption;

import static io.timevault.store.support.Records.U64_MAX;
import static io.timevault.store.support.Records.keys;
import static io.timevault.store.support.Records.range;
import static org.assertj.core.api.Assertions.assertThat;

import io.timevault.store.Partition;
import io.timevault.store.TimevaultStore;
import io.timevault.store.support.Files2;
import io.timevault.store.support.Layout;
import io.timevault.store.support.RustFiles;
import io.timevault.store.support.Stores;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged KEY in an index line that stays well-formed, contiguous and ordered — here block {8,9} of chunk 6
 * becoming {8,8} — is not detectable from the index alone: the binary search for key 9 skips the block that holds
 * it. The CRC-32C of an index line covers the block's chunk bytes, not the line itself (a block that is not read is
 * not checked), and checking every block against the chunk would make the first read of a closed chunk O(chunk);
 * {@code timevault verify} finds it. Documented as a known limit; deleting the index file repairs it
 * (it is rebuilt from the chunk).
 */
class IndexKeyCorruptionTest {

    private static final UUID ID = UUID.fromString("c0de0000-0000-4000-8000-00000000bad1");

    @TempDir
    Path root;

    @Test
    @Disabled("known limit: index lines carry no checksum of their own; a flipped block max can hide a record from range reads")
    void flippedBlockMaxKeyInAClosedIndexStillFindsEveryKey() {
        Path dir = Stores.written(root, ID, Stores.fixture(150, 2), 1, 13);
        Path index = Layout.index(dir, 6);
        assertThat(Layout.lines(index)).contains(RustFiles.block(8, 9, 56, 56));
        Files2.write(index, Layout.readText(index).replace(RustFiles.block(8, 9, 56, 56), RustFiles.block(8, 8, 56, 56)));
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(keys(p.readRange(0, U64_MAX))).isEqualTo(range(1, 13));
            assertThat(keys(p.readRange(9, 9))).containsExactly(9L);
        }
    }

    @Test
    void deletingAnIndexWithDamagedKeysRepairsIt() {
        Path dir = Stores.written(root, ID, Stores.fixture(150, 2), 1, 13);
        Path index = Layout.index(dir, 6);
        byte[] original = Layout.read(index);
        Files2.write(index, Layout.readText(index).replace(RustFiles.block(8, 9, 56, 56), RustFiles.block(8, 8, 56, 56)));
        Files2.delete(index);
        try (TimevaultStore store = Stores.open(root)) {
            Partition p = store.openPartition(ID);
            assertThat(keys(p.readRange(9, 9))).containsExactly(9L);
        }
        assertThat(Layout.read(index)).isEqualTo(original);
    }
}
