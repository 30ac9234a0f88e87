package dev.peerscout.bencode;

import java.util.Arrays;

/**
 * The decoder's stack of lists and dictionaries still open, as parallel arrays grown on demand:
 * for each, its ordinal in the {@link ContainerIndex}, where it started (for messages), whether it
 * is a dictionary and, if so, whether it expects a key or a value next and where its last key's
 * bytes are (for the canonical-form check of key order). Level 0 is the top level, outside any
 * container.
 */
final class OpenContainers {
    /** How many containers are open: the decoder reads it on every byte it dispatches. */
    int depth;

    private int[] ordinals;
    private int[] starts;
    private boolean[] dicts;
    private boolean[] expectKey;
    /** The content span of the last key read in each dictionary; a start of -1 before its first. */
    private int[] keyStarts;

    private int[] keyEnds;

    OpenContainers(int initialCapacity) {
        int capacity = initialCapacity + 1;
        ordinals = new int[capacity];
        starts = new int[capacity];
        dicts = new boolean[capacity];
        expectKey = new boolean[capacity];
        keyStarts = new int[capacity];
        keyEnds = new int[capacity];
    }

    /** Opens a container inside the innermost one; a dictionary first expects a key. */
    void push(int ordinal, int start, boolean dict) {
        depth++;
        if (depth == ordinals.length) {
            int grown = ordinals.length * 2;
            ordinals = Arrays.copyOf(ordinals, grown);
            starts = Arrays.copyOf(starts, grown);
            dicts = Arrays.copyOf(dicts, grown);
            expectKey = Arrays.copyOf(expectKey, grown);
            keyStarts = Arrays.copyOf(keyStarts, grown);
            keyEnds = Arrays.copyOf(keyEnds, grown);
        }
        ordinals[depth] = ordinal;
        starts[depth] = start;
        dicts[depth] = dict;
        expectKey[depth] = true;
        keyStarts[depth] = -1;
    }

    void pop() {
        depth--;
    }

    /** After a key the dictionary expects its value, after a value the next key. */
    void valueDone() {
        if (dicts[depth]) {
            expectKey[depth] = !expectKey[depth];
        }
    }

    /** Whether the innermost open container is a dictionary (false at the top level). */
    boolean isDict() {
        return depth > 0 && dicts[depth];
    }

    boolean expectsKey() {
        return expectKey[depth];
    }

    /** Where the innermost dictionary's last key's content starts; -1 before its first key. */
    int previousKeyStart() {
        return keyStarts[depth];
    }

    int previousKeyEnd() {
        return keyEnds[depth];
    }

    /** Records the content span of the key just read in the innermost dictionary. */
    void keyRead(int start, int end) {
        keyStarts[depth] = start;
        keyEnds[depth] = end;
    }

    /** The innermost container's ordinal in the {@link ContainerIndex}. */
    int ordinal() {
        return ordinals[depth];
    }

    /** Where the innermost container started, for messages. */
    int start() {
        return starts[depth];
    }
}
