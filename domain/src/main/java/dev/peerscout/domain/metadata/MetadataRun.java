package dev.peerscout.domain.metadata;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** A fetch under way: its result, and the trackers' goodbyes (their 'stopped' announces) after it. */
public record MetadataRun(CompletableFuture<MetadataResult> result, CompletableFuture<Void> farewell) {

    public MetadataRun {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(farewell, "farewell");
    }
}
