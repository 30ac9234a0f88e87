package dev.peerscout.adapters.udp.transport;

import java.util.Arrays;

/**
 * The exchanges awaiting a reply at one endpoint, by transaction id: an open-addressing table on
 * the int itself, so matching a reply allocates nothing (a {@code HashMap<Integer, ...>} boxes the
 * id on every lookup). Not thread-safe: used under the endpoint's lock.
 */
final class TransactionTable {
    private static final int INITIAL_CAPACITY = 64;

    private int[] ids = new int[INITIAL_CAPACITY];
    private Exchange<?, ?>[] exchanges = new Exchange<?, ?>[INITIAL_CAPACITY];
    private int size;

    int size() {
        return size;
    }

    Exchange<?, ?> get(int id) {
        int mask = ids.length - 1;
        for (int slot = slot(id, mask); exchanges[slot] != null; slot = (slot + 1) & mask) {
            if (ids[slot] == id) {
                return exchanges[slot];
            }
        }
        return null;
    }

    boolean contains(int id) {
        return get(id) != null;
    }

    /** Maps a free {@code id} to {@code exchange}. */
    void put(int id, Exchange<?, ?> exchange) {
        if (contains(id)) {
            throw new IllegalStateException("transaction id " + id + " is taken");
        }
        if (2 * (size + 1) > ids.length) {
            grow();
        }
        insert(id, exchange);
        size++;
    }

    /** Unmaps {@code id} if it belongs to {@code exchange} (an exchange never frees another's id). */
    void remove(int id, Exchange<?, ?> exchange) {
        int mask = ids.length - 1;
        int slot = slot(id, mask);
        while (exchanges[slot] != null && ids[slot] != id) {
            slot = (slot + 1) & mask;
        }
        if (exchanges[slot] != exchange || exchange == null) {
            return;
        }
        // Backward-shift deletion: later entries of the same probe run move up, so no tombstones.
        int hole = slot;
        for (int next = (hole + 1) & mask; exchanges[next] != null; next = (next + 1) & mask) {
            int home = slot(ids[next], mask);
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                ids[hole] = ids[next];
                exchanges[hole] = exchanges[next];
                hole = next;
            }
        }
        exchanges[hole] = null;
        size--;
    }

    private void insert(int id, Exchange<?, ?> exchange) {
        int mask = ids.length - 1;
        int slot = slot(id, mask);
        while (exchanges[slot] != null) {
            slot = (slot + 1) & mask;
        }
        ids[slot] = id;
        exchanges[slot] = exchange;
    }

    private void grow() {
        int[] oldIds = ids;
        Exchange<?, ?>[] oldExchanges = exchanges;
        ids = new int[oldIds.length * 2];
        exchanges = new Exchange<?, ?>[oldIds.length * 2];
        for (int i = 0; i < oldIds.length; i++) {
            if (oldExchanges[i] != null) {
                insert(oldIds[i], oldExchanges[i]);
            }
        }
        Arrays.fill(oldExchanges, null);
    }

    /** Ids are random, but a test's generator may count: mix the bits before taking the low ones. */
    private static int slot(int id, int mask) {
        int mixed = id * 0x9E3779B9;
        return (mixed ^ (mixed >>> 16)) & mask;
    }
}
