package dev.peerscout.domain.time;

import java.time.Duration;
import java.time.Instant;

/**
 * Time as the code sees it: the current instant, and a way to run something later. Injected
 * everywhere so that retransmission, expiry and deadlines can be tested by advancing a fake clock
 * instead of sleeping.
 */
public interface Scheduler {

    Instant now();

    /** Runs {@code task} once, {@code delay} from now, on a scheduler thread. Tasks must be short. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that has not run yet can be cancelled; cancelling later is harmless. */
    interface Cancellable {
        void cancel();
    }
}
