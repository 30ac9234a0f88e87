package dev.peerscout.domain.run;

import java.util.ArrayList;
import java.util.List;

/**
 * Calls into adapters that a run decides while holding its lock, made once it has released it: an
 * adapter may be holding its own lock while it waits for the run's (the DHT delivering a peer, a
 * probe's outcome). Thread-safe.
 */
public final class AfterUnlock {
    private final List<Runnable> calls = new ArrayList<>();

    /** Queues {@code call} for the next {@link #run()}. */
    public synchronized void add(Runnable call) {
        calls.add(call);
    }

    /** Makes the queued calls, in order; the caller must not hold its lock. */
    public void run() {
        List<Runnable> due;
        synchronized (this) {
            due = List.copyOf(calls);
            calls.clear();
        }
        due.forEach(Runnable::run);
    }
}
