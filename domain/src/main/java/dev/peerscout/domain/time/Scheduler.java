package dev.peerscout.domain.time;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Time as the code sees it: the current instant, and a way to run something later. Injected
 * everywhere so that retransmission, expiry and deadlines can be tested by advancing a fake clock
 * instead of sleeping.
 */
public interface Scheduler {

    Instant now();

    /** Runs {@code task} once, {@code delay} from now, on a scheduler thread. Tasks must be short. */
    Cancellable schedule(Duration delay, Runnable task);

    /**
     * Completes once every one of {@code futures} has completed, however it ended, or after
     * {@code wait} at the latest: for best-effort calls (goodbyes) that must not hold anything up.
     */
    default CompletableFuture<Void> allOrAfter(Duration wait, List<? extends CompletableFuture<?>> futures) {
        CompletableFuture<Void> settled = new CompletableFuture<>();
        Cancellable timer = schedule(wait, () -> settled.complete(null));
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).whenComplete((ignored, bug) -> {
            timer.cancel();
            settled.complete(null);
        });
        return settled;
    }

    /** A scheduled task that has not run yet can be cancelled; cancelling later is harmless. */
    interface Cancellable {
        void cancel();
    }
}
