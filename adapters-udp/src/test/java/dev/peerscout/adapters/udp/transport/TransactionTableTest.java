package dev.peerscout.adapters.udp.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TransactionTableTest {
    private final TransactionTable table = new TransactionTable();

    @Test
    void behavesAsAMapThroughManyInsertionsAndRemovals() {
        // Counting ids and colliding low bits are the worst case for a table on the int itself.
        Map<Integer, Exchange<?, ?>> expected = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int step = 0; step < 200_000; step++) {
            int id = random.nextBoolean() ? random.nextInt(512) : random.nextInt(64) << 20;
            if (expected.containsKey(id)) {
                table.remove(id, expected.remove(id));
            } else {
                Exchange<?, ?> exchange = exchange();
                expected.put(id, exchange);
                table.put(id, exchange);
            }
            if (step % 1_000 == 0) {
                expected.forEach((key, value) -> assertSame(value, table.get(key), "id " + key));
            }
        }
        assertEquals(expected.size(), table.size());
        for (int id = 0; id < 512; id++) {
            assertSame(expected.get(id), table.get(id), "id " + id);
        }
    }

    @Test
    void anExchangeNeverFreesAnotherOnesId() {
        Exchange<?, ?> owner = exchange();
        table.put(5, owner);

        table.remove(5, exchange());

        assertSame(owner, table.get(5));
        table.remove(5, owner);
        assertNull(table.get(5));
        assertEquals(0, table.size());
    }

    @Test
    void anIdInUseCannotBeTakenTwice() {
        table.put(0, exchange());

        assertThrows(IllegalStateException.class, () -> table.put(0, exchange()));
    }

    private static Exchange<?, ?> exchange() {
        return new Exchange<>(null, null, null, null, null, null, null, null, null);
    }
}
