package dev.peerscout.domain.model.scrape;

import dev.peerscout.domain.model.InfoHash;
import java.util.Arrays;
import java.util.List;

/**
 * Distinct swarms in the order added, behind an open-addressing index of ints: finding one costs a
 * probe or two and no entry objects. Not thread-safe; a {@link ScrapeStatsMap} reads one only
 * after its builder stopped adding.
 */
final class SwarmIndex {
    private InfoHash[] swarms;
    /** Position + 1 of the swarm in each slot, 0 for an empty slot; at most half full. */
    private int[] slots;

    private int size;

    SwarmIndex(int capacity) {
        swarms = new InfoHash[capacity];
        slots = new int[slotsFor(capacity)];
    }

    int size() {
        return size;
    }

    /** How many swarms fit before it grows. */
    int capacity() {
        return swarms.length;
    }

    InfoHash swarm(int position) {
        return swarms[position];
    }

    /** The distinct swarms added so far, in order (a copy). */
    List<InfoHash> swarms() {
        return List.of(Arrays.copyOf(swarms, size));
    }

    /** The position of {@code key}, or -1. */
    int position(Object key) {
        if (!(key instanceof InfoHash swarm)) {
            return -1;
        }
        int hash = swarm.hashCode();
        int mask = slots.length - 1;
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            InfoHash candidate = swarms[entry - 1];
            if (candidate.hashCode() == hash && candidate.equals(swarm)) {
                return entry - 1;
            }
        }
    }

    /** Adds {@code swarm} at the next position, growing as needed; false (and nothing added) if it is there already. */
    boolean add(InfoHash swarm) {
        int hash = swarm.hashCode();
        int mask = slots.length - 1;
        int slot = spread(hash) & mask;
        for (int entry = slots[slot]; entry != 0; entry = slots[slot]) {
            InfoHash candidate = swarms[entry - 1];
            if (candidate.hashCode() == hash && candidate.equals(swarm)) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        if (size == swarms.length) {
            grow();
            return add(swarm);
        }
        swarms[size] = swarm;
        size++;
        slots[slot] = size;
        return true;
    }

    private void grow() {
        int capacity = swarms.length * 2;
        swarms = Arrays.copyOf(swarms, capacity);
        slots = new int[slotsFor(capacity)];
        int mask = slots.length - 1;
        for (int position = 0; position < size; position++) {
            int slot = spread(swarms[position].hashCode()) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = position + 1;
        }
    }

    private static int spread(int hash) {
        int mixed = hash * 0x9E3779B9;
        return mixed ^ (mixed >>> 16);
    }

    /** Slots for {@code swarms} entries at most half full: a power of two, at least 2. */
    private static int slotsFor(int swarms) {
        int wanted = Math.max(2, swarms) * 2;
        return Integer.highestOneBit(wanted - 1) << 1;
    }
}
