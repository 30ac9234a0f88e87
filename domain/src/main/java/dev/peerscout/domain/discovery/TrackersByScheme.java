package dev.peerscout.domain.discovery;

import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.model.scrape.ScrapeResponse;
import dev.peerscout.domain.port.CallInFlight;
import dev.peerscout.domain.port.TrackerClient;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Sends each tracker URL to the client for its scheme ({@code udp}, {@code http}, {@code https});
 * a URL no client speaks ends at once as {@link TrackerFailure.Unsupported}.
 */
public final class TrackersByScheme implements TrackerClient {
    private final Map<String, TrackerClient> clients;

    public TrackersByScheme(Map<String, TrackerClient> clientsByScheme) {
        this.clients = Map.copyOf(clientsByScheme);
    }

    @Override
    public CallInFlight<Either<TrackerFailure, AnnounceResponse>> announce(
            TrackerUrl tracker, AnnounceRequest request, Instant deadline) {
        return clientFor(tracker)
                .fold(
                        failure -> CallInFlight.unsent(Either.left(failure)),
                        client -> client.announce(tracker, request, deadline));
    }

    @Override
    public CallInFlight<Either<TrackerFailure, ScrapeResponse>> scrape(
            TrackerUrl tracker, List<InfoHash> swarms, Instant deadline) {
        return clientFor(tracker)
                .fold(
                        failure -> CallInFlight.unsent(Either.left(failure)),
                        client -> client.scrape(tracker, swarms, deadline));
    }

    private Either<TrackerFailure, TrackerClient> clientFor(TrackerUrl tracker) {
        return tracker.scheme()
                .toEither(() -> (TrackerFailure) new TrackerFailure.Unsupported("no scheme in tracker URL"))
                .flatMap(scheme -> {
                    TrackerClient client = clients.get(scheme);
                    return client == null
                            ? Either.left(new TrackerFailure.Unsupported(scheme + ":// trackers are not supported"))
                            : Either.right(client);
                });
    }
}
