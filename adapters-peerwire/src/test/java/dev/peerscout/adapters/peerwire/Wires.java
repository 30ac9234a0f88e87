package dev.peerscout.adapters.peerwire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;

/** What the peer wire's tests do around each test: check that nothing stays open, and stop what they started. */
final class Wires {
    private Wires() {}

    /** Waits up to 5 s for the connections to close (the last ones close as a test ends), then checks none is left. */
    static void assertNoConnectionLeftOpen(PeerWireThread thread) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (thread.openConnections() > 0 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertEquals(0, thread.openConnections());
    }

    /** Closes each of {@code started} that was started; one that fails to close does not keep the others open. */
    static void closeAll(AutoCloseable... started) {
        for (AutoCloseable c : started) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // the others still stop
            }
        }
    }
}
