package dev.peerscout.domain.health;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** A round under way, which the user may end before its deadline (Ctrl-C). */
public final class CheckRun {
    private final CompletableFuture<CheckReport> report;
    private final Supplier<CompletableFuture<CheckReport>> stop;

    CheckRun(CompletableFuture<CheckReport> report, Supplier<CompletableFuture<CheckReport>> stop) {
        this.report = report;
        this.stop = stop;
    }

    /** Completes when every URL has its outcome and every goodbye has been said. */
    public CompletableFuture<CheckReport> report() {
        return report;
    }

    /**
     * Ends the round now: every address that may have our {@code started} is sent {@code stopped}
     * (within a short grace), checks still running are reported {@code skipped}; completes with the
     * report of what was checked.
     */
    public CompletableFuture<CheckReport> stop() {
        return stop.get();
    }
}
