package dev.peerscout.adapters.http;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.IpAddresses;
import dev.peerscout.domain.model.ScrapeResponse;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.port.TrackerProbe;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * The HTTP client's {@link TrackerProbe}. JDK 17's client cannot be told which address to use: it
 * connects to the first one the resolver returns (see {@link FamilyRoute}). So a host given as an
 * address literal, or a name's first address, is checked for real, and a name's other addresses
 * are reported as {@link TrackerFailure.Unsupported} rather than judged by another address's answer.
 * HTTP has no connect step of its own: {@link Step#connect()} is always none.
 */
final class HttpTrackerProbe implements TrackerProbe {
    private static final int REMEMBERED_HOSTS = 1024;

    private final HttpTrackerClient client;
    private final Scheduler scheduler;
    private final Executor executor;
    /** The address the JDK's client connects to, per host name resolved here (the JVM caches lookups). */
    private final Map<String, InetAddress> firstAddresses = new ConcurrentHashMap<>();

    HttpTrackerProbe(HttpTrackerClient client, Scheduler scheduler, Executor executor) {
        this.client = client;
        this.scheduler = scheduler;
        this.executor = executor;
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
        return resolve(host, deadline).thenApply(resolved -> resolved.flatMap(all -> {
            if (firstAddresses.size() >= REMEMBERED_HOSTS) {
                firstAddresses.clear();
            }
            firstAddresses.put(host, all.get(0));
            return allowed(host, all, families);
        }));
    }

    @Override
    public CompletableFuture<Step<AnnounceResponse>> announce(
            TrackerUrl tracker, InetAddress address, AnnounceRequest request, Instant deadline) {
        return reachable(tracker, address).fold(
                failure -> CompletableFuture.completedFuture(Step.failed(failure)),
                ok -> timed(() -> client.announce(tracker, request, deadline)));
    }

    @Override
    public CompletableFuture<Step<ScrapeResponse>> scrape(
            TrackerUrl tracker, InetAddress address, List<InfoHash> swarms, Instant deadline) {
        return reachable(tracker, address).fold(
                failure -> CompletableFuture.completedFuture(Step.failed(failure)),
                ok -> timed(() -> client.scrape(tracker, swarms, deadline)));
    }

    private <T> CompletableFuture<Step<T>> timed(Supplier<CompletableFuture<Either<TrackerFailure, T>>> call) {
        Instant started = scheduler.now();
        return call.get().thenApply(outcome -> new Step<>(outcome, Option.none(), Duration.between(started, scheduler.now())));
    }

    /** Whether the JDK's client will connect to {@code address} for this URL. */
    private Either<TrackerFailure, URI> reachable(TrackerUrl tracker, InetAddress address) {
        return TrackerUrls.httpUri(tracker).flatMap(uri -> {
            String host = FamilyRoute.hostOf(uri);
            if (TrackerReplies.literalAddress(host).isDefined()) {
                return Either.right(uri);
            }
            InetAddress first = firstAddresses.get(host);
            if (address.equals(first)) {
                return Either.right(uri);
            }
            return Either.left(new TrackerFailure.Unsupported("the JDK 17 HTTP client connects only to " + host
                    + "'s first address" + (first == null ? "" : " (" + IpAddresses.text(first) + ")")
                    + ", so this one is not checked"));
        });
    }

    private static Either<TrackerFailure, List<InetAddress>> allowed(String host, List<InetAddress> all,
            Set<AddressFamily> families) {
        List<InetAddress> allowed = all.stream().filter(a -> families.contains(AddressFamily.of(a))).toList();
        return allowed.isEmpty()
                ? Either.left(new TrackerFailure.DnsFailure(host, "no address of an allowed family " + families))
                : Either.right(allowed);
    }

    /** On the client's threads (a name server may be slow), ended at the deadline on the scheduler's clock. */
    private CompletableFuture<Either<TrackerFailure, List<InetAddress>>> resolve(String host, Instant deadline) {
        CompletableFuture<Either<TrackerFailure, List<InetAddress>>> result = new CompletableFuture<>();
        Duration budget = Duration.between(scheduler.now(), deadline);
        if (budget.isNegative() || budget.isZero()) {
            result.complete(Either.left(new TrackerFailure.DnsFailure(host, "no time left")));
            return result;
        }
        Scheduler.Cancellable timer = scheduler.schedule(budget, () -> result.complete(Either.left(
                new TrackerFailure.DnsFailure(host, "not resolved within " + budget.toMillis() + " ms"))));
        result.whenComplete((outcome, bug) -> timer.cancel());
        try {
            executor.execute(() -> {
                try {
                    List<InetAddress> all = List.of(InetAddress.getAllByName(host));
                    result.complete(all.isEmpty() ? Either.left(new TrackerFailure.DnsFailure(host, "no address"))
                            : Either.right(all));
                } catch (UnknownHostException e) {
                    result.complete(Either.left(new TrackerFailure.DnsFailure(host, "unknown host")));
                }
            });
        } catch (RejectedExecutionException e) {
            result.complete(Either.left(new TrackerFailure.DnsFailure(host, "client closed")));
        }
        return result;
    }
}
