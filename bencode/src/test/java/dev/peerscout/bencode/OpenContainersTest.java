package dev.peerscout.bencode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OpenContainersTest {

    @Test
    void theTopLevelIsNoDictionary() {
        OpenContainers open = new OpenContainers(4);
        assertEquals(0, open.depth);
        assertFalse(open.isDict());
    }

    @Test
    void aDictionaryAlternatesBetweenKeyAndValue() {
        OpenContainers open = new OpenContainers(4);
        open.push(0, 10, true);
        assertTrue(open.isDict());
        assertTrue(open.expectsKey());
        open.valueDone();
        assertFalse(open.expectsKey(), "after a key, its value");
        open.valueDone();
        assertTrue(open.expectsKey(), "after a value, the next key");
    }

    @Test
    void aListNeverExpectsAKey() {
        OpenContainers open = new OpenContainers(4);
        open.push(0, 0, true);
        open.valueDone(); // a key: the dictionary now expects its value, a list
        open.push(1, 5, false);
        assertFalse(open.isDict());
        open.valueDone();
        open.valueDone();
        open.pop();
        assertFalse(open.expectsKey(), "the list is the dictionary's value, still to be counted");
        open.valueDone();
        assertTrue(open.expectsKey());
    }

    @Test
    void growsPastItsInitialCapacityAndKeepsEveryLevel() {
        OpenContainers open = new OpenContainers(1);
        for (int level = 1; level <= 100; level++) {
            open.push(level * 3, level * 7, level % 2 == 0);
        }
        for (int level = 100; level >= 1; level--) {
            assertEquals(level, open.depth);
            assertEquals(level * 3, open.ordinal());
            assertEquals(level * 7, open.start());
            assertEquals(level % 2 == 0, open.isDict());
            open.pop();
        }
        assertEquals(0, open.depth);
    }
}
