package dev.peerscout.domain.port;

import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.model.scrape.ScrapeResponse;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.List;

/**
 * Talks to one tracker. Calls never block: many trackers and swarms are in flight at once.
 * Every future completes by {@code deadline} (on the injected {@code Scheduler}'s clock), with a
 * {@link TrackerFailure.Timeout} if nothing else; expected failures are values, never exceptional
 * completions. Each call also counts the requests it has sent ({@link CallInFlight#requestsSent()}),
 * so a caller that stops waiting early can still tell how many went out.
 */
public interface TrackerClient {

    CallInFlight<Either<TrackerFailure, AnnounceResponse>> announce(
            TrackerUrl tracker, AnnounceRequest request, Instant deadline);

    /**
     * Counts for many swarms (at least one: an empty list is a caller's bug); the client splits them
     * into as many requests as its protocol needs.
     */
    CallInFlight<Either<TrackerFailure, ScrapeResponse>> scrape(
            TrackerUrl tracker, List<InfoHash> swarms, Instant deadline);
}
