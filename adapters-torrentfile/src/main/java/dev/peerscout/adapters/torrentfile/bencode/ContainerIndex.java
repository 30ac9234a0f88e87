package dev.peerscout.adapters.torrentfile.bencode;

import java.util.Arrays;

/**
 * Where each list and dictionary starts and ends, in the order they open (so {@code starts} is
 * sorted). Two ints per container let any container be skipped in O(log n) without re-reading
 * it; strings and integers need no entry because their end follows from their header.
 */
final class ContainerIndex {
    private final int maxContainers;
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private int count;

    ContainerIndex(int maxContainers) {
        this.maxContainers = maxContainers;
    }

    /** Registers a container opening at {@code start}; returns its ordinal. */
    int open(int start) {
        if (count == maxContainers) {
            throw BencodeException.invalid(start, "more than " + maxContainers + " lists and dictionaries");
        }
        if (count == starts.length) {
            int grown = (int) Math.min((long) count * 2, Math.max(maxContainers, 64));
            starts = Arrays.copyOf(starts, grown);
            ends = Arrays.copyOf(ends, grown);
        }
        starts[count] = start;
        return count++;
    }

    void close(int ordinal, int end) {
        ends[ordinal] = end;
    }

    /** The end (exclusive) of the container that starts at {@code start}. */
    int endOf(int start) {
        int ordinal = Arrays.binarySearch(starts, 0, count, start);
        if (ordinal < 0) {
            throw new IllegalArgumentException("no container starts at byte " + start);
        }
        return ends[ordinal];
    }

    int count() {
        return count;
    }
}
