package io.timevault.store;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * An immutable view of the first {@code size} blocks of a shared array. The writer only ever appends to the array
 * (or replaces it with a larger copy), so a view handed to a reader never changes under it; publishing a new view
 * per append costs O(1).
 */
final class BlockList extends AbstractList<IndexBlock> implements RandomAccess {

    private final IndexBlock[] array;
    private final int size;

    BlockList(IndexBlock[] array, int size) {
        this.array = array;
        this.size = size;
    }

    @Override
    public IndexBlock get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return array[index];
    }

    @Override
    public int size() {
        return size;
    }
}
