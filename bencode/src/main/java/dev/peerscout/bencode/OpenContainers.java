package dev.peerscout.bencode;

import java.util.Arrays;

/**
 * The decoder's stack of lists and dictionaries still open, grown on demand: for each, its
 * ordinal in the {@link ContainerIndex}, where it started (for messages), whether it is a
 * dictionary and, if so, whether it expects a key or a value next and where its last key's bytes
 * are (for the canonical-form check of key order). Level 0 is the top level, outside any
 * container.
 *
 * <p>The fields of a level are a run of ints in one array, not one array per field: a file list
 * decoded on demand is scanned anew entry by entry, and each scan makes its own stack.
 */
final class OpenContainers {
    private static final int ORDINAL = 0;
    private static final int START = 1;
    /** {@link #DICT} and {@link #EXPECT_KEY} bits. */
    private static final int FLAGS = 2;
    /** The content span of the last key read in a dictionary; a start of -1 before its first. */
    private static final int KEY_START = 3;

    private static final int KEY_END = 4;
    private static final int STRIDE = 5;

    private static final int DICT = 1;
    private static final int EXPECT_KEY = 2;

    /** How many containers are open: the decoder reads it on every byte it dispatches. */
    int depth;

    private int[] levels;

    OpenContainers(int initialCapacity) {
        levels = new int[(initialCapacity + 1) * STRIDE];
    }

    /** Opens a container inside the innermost one; a dictionary first expects a key. */
    void push(int ordinal, int start, boolean dict) {
        depth++;
        int at = depth * STRIDE;
        if (at == levels.length) {
            levels = Arrays.copyOf(levels, levels.length * 2);
        }
        levels[at + ORDINAL] = ordinal;
        levels[at + START] = start;
        levels[at + FLAGS] = dict ? DICT | EXPECT_KEY : EXPECT_KEY;
        levels[at + KEY_START] = -1;
    }

    void pop() {
        depth--;
    }

    /** After a key the dictionary expects its value, after a value the next key. */
    void valueDone() {
        int flags = depth * STRIDE + FLAGS;
        if ((levels[flags] & DICT) != 0) {
            levels[flags] ^= EXPECT_KEY;
        }
    }

    /** Whether the innermost open container is a dictionary (false at the top level). */
    boolean isDict() {
        return depth > 0 && (levels[depth * STRIDE + FLAGS] & DICT) != 0;
    }

    boolean expectsKey() {
        return (levels[depth * STRIDE + FLAGS] & EXPECT_KEY) != 0;
    }

    /** Where the innermost dictionary's last key's content starts; -1 before its first key. */
    int previousKeyStart() {
        return levels[depth * STRIDE + KEY_START];
    }

    int previousKeyEnd() {
        return levels[depth * STRIDE + KEY_END];
    }

    /** Records the content span of the key just read in the innermost dictionary. */
    void keyRead(int start, int end) {
        levels[depth * STRIDE + KEY_START] = start;
        levels[depth * STRIDE + KEY_END] = end;
    }

    /** The innermost container's ordinal in the {@link ContainerIndex}. */
    int ordinal() {
        return levels[depth * STRIDE + ORDINAL];
    }

    /** Where the innermost container started, for messages. */
    int start() {
        return levels[depth * STRIDE + START];
    }
}
