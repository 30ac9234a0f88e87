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
    /** Containers per page: two ints each, so a page is 64 KiB. */
    private static final int PAGE_BITS = 13;

    private static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final int FIRST_PAGE_SIZE = 4;

    /** Per container, its end and then its next ordinal, side by side: one array per page, not two. */
    private int[][] pages = {new int[2 * FIRST_PAGE_SIZE]};

    private int count;

    /** Registers the next container to open (the decoder enforces the limit); returns its ordinal. */
    int open() {
        int page = count >>> PAGE_BITS;
        if (page == pages.length) {
            pages = Arrays.copyOf(pages, page * 2);
        }
        if (pages[page] == null) {
            pages[page] = new int[2 * PAGE_SIZE];
        } else if (2 * (count & (PAGE_SIZE - 1)) == pages[page].length) {
            // Only the first page grows: 4, 8, ... containers up to a full page.
            pages[page] = Arrays.copyOf(pages[page], pages[page].length * 2);
        }
        return count++;
    }

    void close(int ordinal, int end) {
        int[] page = pages[ordinal >>> PAGE_BITS];
        int at = 2 * (ordinal & (PAGE_SIZE - 1));
        page[at] = end;
        page[at + 1] = count;
    }

    /** The end (exclusive) of container {@code ordinal}. */
    int end(int ordinal) {
        return pages[ordinal >>> PAGE_BITS][2 * (ordinal & (PAGE_SIZE - 1))];
    }

    /** The ordinal the next container after container {@code ordinal} (and all it holds) has. */
    int nextOrdinal(int ordinal) {
        return pages[ordinal >>> PAGE_BITS][2 * (ordinal & (PAGE_SIZE - 1)) + 1];
    }

    int count() {
        return count;
    }
}
