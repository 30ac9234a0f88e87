package dev.peerscout.domain.probe;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** A run under way: its report, the trackers' goodbyes, and a way to end it early (not from a listener). */
public record SwarmRun(
        CompletableFuture<SwarmReport> report, CompletableFuture<Void> farewell, Consumer<String> stopper) {

    public SwarmRun {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(farewell, "farewell");
        Objects.requireNonNull(stopper, "stopper");
    }

    public void stop(String why) {
        stopper.accept(why);
    }
}
