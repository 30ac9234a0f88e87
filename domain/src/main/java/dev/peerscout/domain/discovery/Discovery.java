package dev.peerscout.domain.discovery;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A discovery under way. {@link #report()} completes when discovery ends (all trackers done,
 * enough peers, the deadline, or {@link #stop}); {@link #farewell()} completes once the
 * best-effort {@code stopped} announces are sent and answered, or their grace period ran out.
 */
public record Discovery(
        CompletableFuture<DiscoveryReport> report, CompletableFuture<Void> farewell, Consumer<String> stopper) {

    public Discovery {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(farewell, "farewell");
        Objects.requireNonNull(stopper, "stopper");
    }

    /**
     * Ends discovery now with what it found (the reader of the peers went away): trackers not yet
     * done are reported as skipped for {@code why}, peer sources are stopped, and the goodbyes are
     * said as usual. Does nothing once discovery has ended. Not to be called from a listener.
     */
    public void stop(String why) {
        stopper.accept(why);
    }
}
