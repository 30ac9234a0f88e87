package dev.peerscout.domain.port;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.model.scrape.ScrapeResponse;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Checks one tracker at one of its addresses, timing each step: what a tracker-health check needs
 * and {@link TrackerClient} hides (it picks the addresses itself and reports only outcomes). Like
 * {@link TrackerClient}, calls never block, futures complete by the deadline, and expected
 * failures are values.
 */
public interface TrackerProbe {

    /**
     * The addresses the tracker's host resolves to, of the allowed families, in the resolver's
     * order: a {@link TrackerFailure.DnsFailure} when there is none, {@link TrackerFailure.Unsupported}
     * for a URL this probe cannot use.
     */
    CompletableFuture<Either<TrackerFailure, List<InetAddress>>> addresses(
            TrackerUrl tracker, Set<AddressFamily> families, Instant deadline);

    /** An announce sent to {@code address} only (one of {@link #addresses}). */
    CompletableFuture<Step<AnnounceResponse>> announce(
            TrackerUrl tracker, InetAddress address, AnnounceRequest request, Instant deadline);

    /**
     * A scrape sent to {@code address} only; {@link TrackerFailure.Unsupported} when the tracker
     * has no scrape (an HTTP URL without {@code announce} in its last path segment, BEP 48).
     */
    CompletableFuture<Step<ScrapeResponse>> scrape(
            TrackerUrl tracker, InetAddress address, List<InfoHash> swarms, Instant deadline);

    /**
     * One step's outcome and how long it took.
     *
     * @param connect UDP's connect (BEP 15) before the request, the time of the connect that got the
     *                connection id in use (shared by every check of the same tracker address);
     *                none for protocols without one
     * @param took    the request itself, from its first datagram or request to the answer (or failure)
     */
    record Step<T>(Either<TrackerFailure, T> outcome, Option<Duration> connect, Duration took) {
        public Step {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(connect, "connect");
            Objects.requireNonNull(took, "took");
        }

        public static <T> Step<T> failed(TrackerFailure failure) {
            return new Step<>(Either.left(failure), Option.none(), Duration.ZERO);
        }
    }
}
