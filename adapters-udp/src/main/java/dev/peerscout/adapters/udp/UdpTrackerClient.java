package dev.peerscout.adapters.udp;

import dev.peerscout.adapters.udp.protocol.AnnounceReply;
import dev.peerscout.adapters.udp.protocol.ScrapeReply;
import dev.peerscout.adapters.udp.protocol.ScrapeRequest;
import dev.peerscout.adapters.udp.transport.Answered;
import dev.peerscout.adapters.udp.transport.RetransmitPolicy;
import dev.peerscout.adapters.udp.transport.TrackerKey;
import dev.peerscout.adapters.udp.transport.UdpTransport;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.model.scrape.ScrapeResponse;
import dev.peerscout.domain.model.scrape.ScrapeStatsMap;
import dev.peerscout.domain.net.HostResolver;
import dev.peerscout.domain.port.CallInFlight;
import dev.peerscout.domain.port.TrackerClient;
import dev.peerscout.domain.port.TrackerProbe;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * The BEP 15 UDP tracker client ({@code udp://host:port[/path?query]}), with BEP 41 URLData and
 * BEP 7 IPv6.
 *
 * <ul>
 *   <li>An announce goes to the first address of every family the host resolves to that the
 *       request allows; any family that answers makes it a success, and peers are merged.
 *   <li>A scrape goes to the host's first address, {@value ScrapeRequest#MAX_HASHES} hashes per
 *       datagram, all batches at once.
 *   <li>{@code attempts} counts every datagram handed to the OS for the call: connects, requests
 *       and retransmissions of both, over all families or batches. Concurrent calls to one tracker
 *       share a connect; it counts for the call that sent it.
 *   <li>Futures complete by the deadline and never exceptionally: on the client's receiver or DNS
 *       thread, the scheduler's timer thread, or before the call returns when the outcome is known
 *       at once (unsupported URL, deadline already passed). Keep callbacks short or use the *Async
 *       forms.
 *   <li>At most {@link UdpTrackerConfig#maxInFlightPerTracker()} requests per tracker address have
 *       a datagram outstanding; the others wait their turn (their deadline still runs).
 * </ul>
 *
 * <p>Threads (all daemons): one receiver for every socket, up to four for DNS. {@link #close()}
 * releases the sockets and ends calls in flight as unreachable.
 */
public final class UdpTrackerClient implements TrackerClient, AutoCloseable {
    private static final int REMEMBERED_URLS = 1024;

    private final Scheduler scheduler;
    private final HostResolver hosts;
    private final Map<String, Either<String, UdpTrackerUrl>> parsedUrls = new ConcurrentHashMap<>();
    private final UdpTransport transport;
    private final UdpTrackerProbe probe;

    /** @param random the source of transaction ids: use a {@link SecureRandom} outside tests */
    public UdpTrackerClient(Scheduler scheduler, RandomGenerator random, UdpTrackerConfig config) {
        this.scheduler = scheduler;
        this.hosts = new HostResolver(config.resolver(), scheduler, "udp");
        this.transport = new UdpTransport(
                scheduler,
                random,
                new RetransmitPolicy(config.retransmitBase(), config.maxRetransmitExponent()),
                config.connectionIdLifetime(),
                config.maxInFlightPerTracker());
        this.probe = new UdpTrackerProbe(scheduler, hosts, transport, this::parse);
    }

    /** BEP 15 timing, the system resolver and a {@link SecureRandom}. */
    public UdpTrackerClient(Scheduler scheduler) {
        this(scheduler, new SecureRandom(), UdpTrackerConfig.defaults());
    }

    @Override
    public CallInFlight<Either<TrackerFailure, AnnounceResponse>> announce(
            TrackerUrl tracker, AnnounceRequest request, Instant deadline) {
        Instant started = scheduler.now();
        AtomicInteger sent = new AtomicInteger();
        // Set once an announce datagram goes out: until then (connects unanswered) it cannot have registered us.
        AtomicBoolean announced = new AtomicBoolean();
        return CallInFlight.of(
                withAddresses(tracker, deadline, (url, addresses) -> {
                    InetAddress ipv4 = firstOf(AddressFamily.IPV4, addresses, request.families());
                    InetAddress ipv6 = firstOf(AddressFamily.IPV6, addresses, request.families());
                    if (ipv4 == null && ipv6 == null) {
                        return failed(AddressFamily.noAllowedAddress(url.host(), request.families()));
                    }
                    if (ipv4 == null || ipv6 == null) {
                        InetAddress only = ipv4 != null ? ipv4 : ipv6;
                        return transport.exchange(
                                new InetSocketAddress(only, url.port()),
                                url.key(AddressFamily.of(only)),
                                new CountedOperation<>(
                                        new AnnounceOperation(request, url.pathAndQuery()), sent, announced),
                                started,
                                deadline,
                                Outcomes::announce);
                    }
                    List<CompletableFuture<Either<TrackerFailure, Answered<AnnounceReply>>>> perFamily =
                            new ArrayList<>();
                    for (InetAddress address : List.of(ipv4, ipv6)) {
                        perFamily.add(transport.exchange(
                                new InetSocketAddress(address, url.port()),
                                url.key(AddressFamily.of(address)),
                                new CountedOperation<>(
                                        new AnnounceOperation(request, url.pathAndQuery()), sent, announced),
                                started,
                                deadline));
                    }
                    return all(perFamily).thenApply(Outcomes::announce);
                }),
                sent::get,
                announced::get);
    }

    @Override
    public CallInFlight<Either<TrackerFailure, ScrapeResponse>> scrape(
            TrackerUrl tracker, List<InfoHash> swarms, Instant deadline) {
        if (swarms.isEmpty()) {
            throw new IllegalArgumentException("nothing to scrape");
        }
        Instant started = scheduler.now();
        // Duplicates are asked once; the builder's index of the swarms is also the result's.
        ScrapeStatsMap.Builder counts = ScrapeStatsMap.builder(swarms.size());
        swarms.forEach(counts::add);
        List<List<InfoHash>> batches = ScrapeRequest.batches(counts.swarms());
        AtomicInteger sent = new AtomicInteger();
        return CallInFlight.of(
                withAddresses(tracker, deadline, (url, addresses) -> {
                    InetAddress address = addresses.get(0);
                    TrackerKey key = url.key(AddressFamily.of(address));
                    List<CompletableFuture<Either<TrackerFailure, Answered<ScrapeReply>>>> perBatch = new ArrayList<>();
                    for (List<InfoHash> batch : batches) {
                        perBatch.add(transport.exchange(
                                new InetSocketAddress(address, url.port()),
                                key,
                                new CountedOperation<>(new ScrapeOperation(batch), sent),
                                started,
                                deadline));
                    }
                    return all(perBatch).thenApply(results -> Outcomes.scrape(counts, batches, results));
                }),
                sent::get);
    }

    /**
     * This client as a {@link TrackerProbe} (tracker health): each call to one address, with step
     * timings, on the same sockets and connection ids.
     */
    public TrackerProbe probe() {
        return probe;
    }

    /** Ends calls in flight (as unreachable), closes every socket and stops the client's threads. */
    @Override
    public void close() {
        transport.close();
        hosts.close();
    }

    private interface AddressedCall<T> {
        CompletableFuture<Either<TrackerFailure, T>> call(UdpTrackerUrl url, List<InetAddress> addresses);
    }

    private <T> CompletableFuture<Either<TrackerFailure, T>> withAddresses(
            TrackerUrl tracker, Instant deadline, AddressedCall<T> call) {
        Option<String> malformation = tracker.malformation();
        if (malformation.isDefined()) {
            return failed(new TrackerFailure.MalformedUrl(malformation.get()));
        }
        Either<String, UdpTrackerUrl> parsed = parse(tracker);
        if (parsed.isLeft()) {
            return failed(new TrackerFailure.Unsupported(parsed.getLeft()));
        }
        UdpTrackerUrl url = parsed.get();
        CompletableFuture<Either<TrackerFailure, List<InetAddress>>> resolution = hosts.resolve(url.host(), deadline);
        if (resolution.isDone()) {
            // An address literal: no need for another future in between.
            return resolution.join().fold(UdpTrackerClient::<T>failed, addresses -> call.call(url, addresses));
        }
        return resolution.thenCompose(
                resolved -> resolved.fold(UdpTrackerClient::<T>failed, addresses -> call.call(url, addresses)));
    }

    /** Callers announce many swarms to the same few URLs: parse each once (a bounded memo). */
    private Either<String, UdpTrackerUrl> parse(TrackerUrl tracker) {
        Either<String, UdpTrackerUrl> parsed = parsedUrls.get(tracker.value());
        if (parsed == null) {
            parsed = UdpTrackerUrl.parse(tracker);
            if (parsedUrls.size() >= REMEMBERED_URLS) {
                parsedUrls.clear();
            }
            parsedUrls.put(tracker.value(), parsed);
        }
        return parsed;
    }

    /** The first address of {@code family}, or null if there is none or the request excludes it. */
    private static InetAddress firstOf(AddressFamily family, List<InetAddress> addresses, Set<AddressFamily> allowed) {
        if (!allowed.contains(family)) {
            return null;
        }
        for (InetAddress address : addresses) {
            if (AddressFamily.of(address) == family) {
                return address;
            }
        }
        return null;
    }

    private static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(done -> futures.stream().map(CompletableFuture::join).toList());
    }

    private static <T> CompletableFuture<Either<TrackerFailure, T>> failed(TrackerFailure failure) {
        return CompletableFuture.completedFuture(Either.left(failure));
    }
}
