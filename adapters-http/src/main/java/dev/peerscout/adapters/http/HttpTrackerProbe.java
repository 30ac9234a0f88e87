package dev.peerscout.adapters.http;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.model.scrape.ScrapeResponse;
import dev.peerscout.domain.net.HostResolver;
import dev.peerscout.domain.port.TrackerProbe;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The HTTP client's {@link TrackerProbe}. Every address of a host is checked on its own: the
 * announce and scrape go to that address ({@link AddressedExchange}) with the tracker's name in
 * {@code Host} and, for https, in SNI and the certificate check, so no address is judged by
 * another's answer. HTTP has no connect step of its own: {@link Step#connect()} is always none.
 */
final class HttpTrackerProbe implements TrackerProbe {
    private final HttpTrackerClient client;
    private final Scheduler scheduler;
    private final HostResolver hosts;

    /** {@code hosts} is the client's own resolver: one bounded set of lookup threads for both. */
    HttpTrackerProbe(HttpTrackerClient client, Scheduler scheduler, HostResolver hosts) {
        this.client = client;
        this.scheduler = scheduler;
        this.hosts = hosts;
    }

    @Override
    public CompletableFuture<Either<TrackerFailure, List<InetAddress>>> addresses(
            TrackerUrl tracker, Set<AddressFamily> families, Instant deadline) {
        Either<TrackerFailure, URI> uri = TrackerUrls.httpUri(tracker);
        if (uri.isLeft()) {
            return CompletableFuture.completedFuture(Either.left(uri.getLeft()));
        }
        String host = FamilyRoute.hostOf(uri.get());
        Option<InetAddress> literal = TrackerReplies.literalAddress(host);
        if (literal.isDefined()) {
            return CompletableFuture.completedFuture(allowed(host, List.of(literal.get()), families));
        }
        return hosts.resolve(host, deadline)
                .thenApply(resolved -> resolved.flatMap(all -> allowed(host, all, families)));
    }

    @Override
    public CompletableFuture<Step<AnnounceResponse>> announce(
            TrackerUrl tracker, InetAddress address, AnnounceRequest request, Instant deadline) {
        return timed(() -> client.announce(tracker, request, deadline, Option.some(address)));
    }

    @Override
    public CompletableFuture<Step<ScrapeResponse>> scrape(
            TrackerUrl tracker, InetAddress address, List<InfoHash> swarms, Instant deadline) {
        return timed(() -> client.scrape(tracker, swarms, deadline, Option.some(address)));
    }

    private <T> CompletableFuture<Step<T>> timed(Supplier<CompletableFuture<Either<TrackerFailure, T>>> call) {
        Instant started = scheduler.now();
        return call.get()
                .thenApply(outcome -> new Step<>(outcome, Option.none(), Duration.between(started, scheduler.now())));
    }

    private static Either<TrackerFailure, List<InetAddress>> allowed(
            String host, List<InetAddress> all, Set<AddressFamily> families) {
        List<InetAddress> allowed =
                all.stream().filter(a -> families.contains(AddressFamily.of(a))).toList();
        return allowed.isEmpty() ? Either.left(AddressFamily.noAddressOf(host, families)) : Either.right(allowed);
    }
}
