package dev.peerscout.domain.port;

import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.ScrapeResponse;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Talks to one tracker. Calls never block: many trackers and swarms are in flight at once.
 * Every future completes by {@code deadline} (on the injected {@code Scheduler}'s clock), with a
 * {@link TrackerFailure.Timeout} if nothing else; expected failures are values, never exceptional
 * completions.
 */
public interface TrackerClient {

    CompletableFuture<Either<TrackerFailure, AnnounceResponse>> announce(
            TrackerUrl tracker, AnnounceRequest request, Instant deadline);

    /**
     * Counts for many swarms (at least one: an empty list is a caller's bug); the client splits them
     * into as many requests as its protocol needs.
     */
    CompletableFuture<Either<TrackerFailure, ScrapeResponse>> scrape(
            TrackerUrl tracker, List<InfoHash> swarms, Instant deadline);
}
