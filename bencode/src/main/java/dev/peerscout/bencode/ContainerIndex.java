package dev.peerscout.bencode;

import java.util.Arrays;

/**
 * Where each list and dictionary ends, by ordinal (the order in which containers open). Besides
 * its end, each container records the ordinal of the first container opened after it closes, so
 * code walking a container's children always knows each child container's ordinal: skipping
 * any container is O(1) without re-reading it. Two ints per container; strings and integers need
 * no entry because their end follows from their header.
 *
 * <p>The ints are kept in pages of 64 KiB, not in one array doubled as it fills: a file of a
 * million files has two million containers, and doubling one array holds the old and the new
 * copy at once (24 MiB where 16 MiB are needed) in arrays so large that the garbage collector
 * places each in regions of its own. Only the first page starts small and grows, so a document
 * of a few containers costs a few bytes.
 */
final class ContainerIndex {
    private static final int PAGE_BITS = 14;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final int FIRST_PAGE_SIZE = 4;

    private int[][] ends = {new int[FIRST_PAGE_SIZE]};
    private int[][] nextOrdinals = {new int[FIRST_PAGE_SIZE]};
    private int count;

    /** Registers the next container to open (the decoder enforces the limit); returns its ordinal. */
    int open() {
        int page = count >>> PAGE_BITS;
        if (page == ends.length) {
            ends = Arrays.copyOf(ends, page * 2);
            nextOrdinals = Arrays.copyOf(nextOrdinals, page * 2);
        }
        if (ends[page] == null) {
            ends[page] = new int[PAGE_SIZE];
            nextOrdinals[page] = new int[PAGE_SIZE];
        } else if ((count & (PAGE_SIZE - 1)) == ends[page].length) {
            // Only the first page grows: 4, 8, ... up to a full page.
            ends[page] = Arrays.copyOf(ends[page], ends[page].length * 2);
            nextOrdinals[page] = Arrays.copyOf(nextOrdinals[page], nextOrdinals[page].length * 2);
        }
        return count++;
    }

    void close(int ordinal, int end) {
        ends[ordinal >>> PAGE_BITS][ordinal & (PAGE_SIZE - 1)] = end;
        nextOrdinals[ordinal >>> PAGE_BITS][ordinal & (PAGE_SIZE - 1)] = count;
    }

    /** The end (exclusive) of container {@code ordinal}. */
    int end(int ordinal) {
        return ends[ordinal >>> PAGE_BITS][ordinal & (PAGE_SIZE - 1)];
    }

    /** The ordinal the next container after container {@code ordinal} (and all it holds) has. */
    int nextOrdinal(int ordinal) {
        return nextOrdinals[ordinal >>> PAGE_BITS][ordinal & (PAGE_SIZE - 1)];
    }

    int count() {
        return count;
    }
}
