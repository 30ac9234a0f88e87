package dev.peerscout.domain.discovery;

import java.util.concurrent.CompletableFuture;

/**
 * A discovery under way. {@link #report()} completes when discovery ends (all trackers done,
 * enough peers, or the deadline); {@link #farewell()} completes once the best-effort
 * {@code stopped} announces are sent and answered, or their grace period ran out.
 */
public record Discovery(CompletableFuture<DiscoveryReport> report, CompletableFuture<Void> farewell) {}
