package dev.peerscout.domain.health;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.model.scrape.ScrapeResponse;
import dev.peerscout.domain.port.TrackerProbe;
import io.vavr.control.Either;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Sends each tracker URL to the probe for its scheme; a URL no probe speaks is unsupported at once. */
public final class ProbesByScheme implements TrackerProbe {
    private final Map<String, TrackerProbe> probes;

    public ProbesByScheme(Map<String, TrackerProbe> probesByScheme) {
        this.probes = Map.copyOf(probesByScheme);
    }

    @Override
    public CompletableFuture<Either<TrackerFailure, List<InetAddress>>> addresses(
            TrackerUrl tracker, Set<AddressFamily> families, Instant deadline) {
        return probeFor(tracker)
                .fold(
                        failure -> CompletableFuture.completedFuture(Either.left(failure)),
                        probe -> probe.addresses(tracker, families, deadline));
    }

    @Override
    public CompletableFuture<Step<AnnounceResponse>> announce(
            TrackerUrl tracker, InetAddress address, AnnounceRequest request, Instant deadline) {
        return probeFor(tracker)
                .fold(
                        failure -> CompletableFuture.completedFuture(Step.failed(failure)),
                        probe -> probe.announce(tracker, address, request, deadline));
    }

    @Override
    public CompletableFuture<Step<ScrapeResponse>> scrape(
            TrackerUrl tracker, InetAddress address, List<InfoHash> swarms, Instant deadline) {
        return probeFor(tracker)
                .fold(
                        failure -> CompletableFuture.completedFuture(Step.failed(failure)),
                        probe -> probe.scrape(tracker, address, swarms, deadline));
    }

    private Either<TrackerFailure, TrackerProbe> probeFor(TrackerUrl tracker) {
        return tracker.scheme()
                .toEither(() -> (TrackerFailure) new TrackerFailure.Unsupported("no scheme in tracker URL"))
                .flatMap(scheme -> {
                    TrackerProbe probe = probes.get(scheme);
                    return probe == null
                            ? Either.left(new TrackerFailure.Unsupported(scheme + ":// trackers are not supported"))
                            : Either.right(probe);
                });
    }
}
