package dev.peerscout.adapters.torrentfile.bencode;

import java.util.Arrays;

/**
 * Where each list and dictionary ends, by ordinal (the order in which containers open). Besides
 * its end, each container records the ordinal of the first container opened after it closes, so
 * code walking a container's children always knows each child container's ordinal: skipping
 * any container is O(1) without re-reading it. Two ints per container; strings and integers need
 * no entry because their end follows from their header.
 */
final class ContainerIndex {
    private final int maxContainers;
    private int[] ends = new int[64];
    private int[] nextOrdinals = new int[64];
    private int count;

    ContainerIndex(int maxContainers) {
        this.maxContainers = maxContainers;
    }

    /** Registers a container opening at {@code start}; returns its ordinal. */
    int open(int start) {
        if (count == maxContainers) {
            throw BencodeException.invalid(start, "more than " + maxContainers + " lists and dictionaries");
        }
        if (count == ends.length) {
            int grown = (int) Math.min((long) count * 2, maxContainers);
            ends = Arrays.copyOf(ends, grown);
            nextOrdinals = Arrays.copyOf(nextOrdinals, grown);
        }
        return count++;
    }

    void close(int ordinal, int end) {
        ends[ordinal] = end;
        nextOrdinals[ordinal] = count;
    }

    /** The end (exclusive) of container {@code ordinal}. */
    int end(int ordinal) {
        return ends[ordinal];
    }

    /** The ordinal the next container after container {@code ordinal} (and all it holds) has. */
    int nextOrdinal(int ordinal) {
        return nextOrdinals[ordinal];
    }

    int count() {
        return count;
    }
}
