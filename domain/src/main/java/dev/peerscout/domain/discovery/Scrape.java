package dev.peerscout.domain.discovery;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A scrape under way. {@link #report()} completes when every tracker has its outcome (an answer,
 * a failure, the deadline) or at {@link #stop}.
 */
public record Scrape(CompletableFuture<ScrapeReport> report, Consumer<String> stopper) {

    public Scrape {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(stopper, "stopper");
    }

    /**
     * Ends the scrape now with the answers it has (the user interrupted it): trackers still asked
     * are reported as skipped for {@code why}. Does nothing once the scrape has ended.
     */
    public void stop(String why) {
        stopper.accept(why);
    }
}
