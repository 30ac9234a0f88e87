package dev.peerscout.domain.health;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A running {@code --watch}: rounds until the count is reached or {@link #stop()}. */
public final class TrackerWatch {
    private final CompletableFuture<List<AddressSummary>> summary;
    private final Runnable stop;

    TrackerWatch(CompletableFuture<List<AddressSummary>> summary, Runnable stop) {
        this.summary = summary;
        this.stop = stop;
    }

    /** Per URL and address, in the order first seen; completes after the last round or a stop. */
    public CompletableFuture<List<AddressSummary>> summary() {
        return summary;
    }

    /** Ends the watch now (Ctrl-C): the summary covers the checks finished so far. */
    public void stop() {
        stop.run();
    }
}
