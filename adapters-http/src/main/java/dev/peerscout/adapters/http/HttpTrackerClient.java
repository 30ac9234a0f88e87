package dev.peerscout.adapters.http;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.model.scrape.ScrapeResponse;
import dev.peerscout.domain.model.scrape.ScrapeStats;
import dev.peerscout.domain.net.HostResolver;
import dev.peerscout.domain.port.CallInFlight;
import dev.peerscout.domain.port.Resolver;
import dev.peerscout.domain.port.TrackerClient;
import dev.peerscout.domain.port.TrackerProbe;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The {@link TrackerClient} for {@code http://} and {@code https://} trackers (BEP 3, 7, 23, 24,
 * 48). Every request is one small HTTP/1.0 exchange on a socket of its own
 * ({@link AddressedExchange}, on daemon threads), not java.net.http: that client's start-up
 * (a default TLS context built even for http://, a selector thread, a few hundred classes) took
 * ~0.4 s of a cold C1-only JVM, longer than a whole announce on loopback; TLS is set up on the
 * first https request only.
 *
 * <p>Each call runs against its deadline on the {@link Scheduler}'s clock: requests get the time
 * that is left as their timeout, and at the deadline the call ends in a timeout and the connection
 * is closed. Bodies are read into a bounded buffer (gzip is undone under the same bound).
 * Redirects are followed by {@link TrackerFetch}. The {@code tracker id} a tracker gives is sent
 * back on later announces to the same tracker URL for the same swarm.
 *
 * <p>{@link #close()} before the JVM exits: it closes the connections still open.
 */
public final class HttpTrackerClient implements TrackerClient, AutoCloseable {
    private static final int URI_TOO_LONG = 414;
    private static final Set<AddressFamily> ANY_FAMILY = EnumSet.allOf(AddressFamily.class);
    /** Exchanges (each on a thread of its own) at once; more wait for a free thread. */
    static final int MAX_CONNECTIONS = 256;

    private final Scheduler scheduler;
    private final HttpTrackerConfig config;
    private final ThreadPoolExecutor executor;
    private final Map<SwarmAtTracker, TrackerId> trackerIds = new ConcurrentHashMap<>();
    private final HostResolver hosts;
    private final HttpTrackerProbe probe;
    private final AddressedExchange exchange;
    private final TrackerFetch fetch;

    public HttpTrackerClient(Scheduler scheduler, HttpTrackerConfig config) {
        this(scheduler, config, Resolver.system());
    }

    /** With a resolver of its own (tests give names that never resolve this way). */
    public HttpTrackerClient(Scheduler scheduler, HttpTrackerConfig config, Resolver resolver) {
        this(scheduler, config, Option.none(), resolver);
    }

    /** With a TLS context of its own (tests trust a self-signed certificate this way). */
    HttpTrackerClient(Scheduler scheduler, HttpTrackerConfig config, Option<SSLContext> tls) {
        this(scheduler, config, tls, Resolver.system());
    }

    /** With both (tests give a name both loopback addresses and trust their own certificate). */
    HttpTrackerClient(Scheduler scheduler, HttpTrackerConfig config, Option<SSLContext> tls, Resolver resolver) {
        this(scheduler, config, tls, resolver, MAX_CONNECTIONS);
    }

    /** With its own bound on connections at once (tests make it small). */
    HttpTrackerClient(
            Scheduler scheduler,
            HttpTrackerConfig config,
            Option<SSLContext> tls,
            Resolver resolver,
            int maxConnections) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.config = Objects.requireNonNull(config, "config");
        this.hosts = new HostResolver(resolver, scheduler, "http");
        this.executor = boundedThreads(maxConnections);
        this.exchange = new AddressedExchange(config, tls, executor);
        this.fetch = new TrackerFetch(config, hosts, exchange);
        this.probe = new HttpTrackerProbe(this, scheduler, hosts);
    }

    /** This client as a {@link TrackerProbe} (tracker health): every address of a host is asked on its own. */
    public TrackerProbe probe() {
        return probe;
    }

    /**
     * The tracker id is kept per tracker URL and swarm: one tracker may track many swarms. Its
     * equals and hashCode are written out: a record's own are bootstrapped on first use
     * ({@code ObjectMethods}), ~25 ms of a cold C1 JVM before the first announce could leave.
     */
    private record SwarmAtTracker(String trackerUrl, InfoHash swarm) {
        @Override
        public boolean equals(Object other) {
            return other instanceof SwarmAtTracker that
                    && trackerUrl.equals(that.trackerUrl)
                    && swarm.equals(that.swarm);
        }

        @Override
        public int hashCode() {
            return 31 * trackerUrl.hashCode() + swarm.hashCode();
        }
    }

    @Override
    public CallInFlight<Either<TrackerFailure, AnnounceResponse>> announce(
            TrackerUrl tracker, AnnounceRequest request, Instant deadline) {
        return announce(tracker, request, deadline, Option.none());
    }

    /**
     * Announces to one given address of the tracker's host, or, with none, to the address the
     * host resolves to first. A redirect to the same host stays on that address.
     */
    CallInFlight<Either<TrackerFailure, AnnounceResponse>> announce(
            TrackerUrl tracker, AnnounceRequest request, Instant deadline, Option<InetAddress> at) {
        SwarmAtTracker swarm = new SwarmAtTracker(tracker.value(), request.infoHash());
        Either<TrackerFailure, URI> uri = TrackerUrls.httpUri(tracker)
                .flatMap(valid -> TrackerUrls.httpUri(TrackerUrls.withParameters(
                        tracker.value(), AnnounceQuery.announce(request, Option.of(trackerIds.get(swarm))))));
        if (uri.isLeft()) {
            return CallInFlight.unsent(Either.left(uri.getLeft()));
        }
        TrackerCall<AnnounceResponse> call = new TrackerCall<>(scheduler, deadline);
        call.countRequest();
        fetch.get(call, uri.get(), request.families(), 0, at)
                .thenApply(
                        fetched -> fetched.flatMap(answer -> TrackerReplies.announce(answer.status(), answer.body())))
                .thenApply(reply -> reply.peek(ok -> ok.trackerId().forEach(id -> trackerIds.put(swarm, id)))
                        .map(ok -> ok.toResponse(1)))
                .whenComplete(call::finish);
        return call.inFlight();
    }

    /**
     * Scrapes through the BEP 48 scrape URL, many hashes per request; a "URI too long" (414)
     * halves the batch and retries it. The port's scrape has no address families: any is used.
     */
    @Override
    public CallInFlight<Either<TrackerFailure, ScrapeResponse>> scrape(
            TrackerUrl tracker, List<InfoHash> swarms, Instant deadline) {
        return scrape(tracker, swarms, deadline, Option.none());
    }

    /** Scrapes at one given address of the tracker's host, or at the one it resolves to first. */
    CallInFlight<Either<TrackerFailure, ScrapeResponse>> scrape(
            TrackerUrl tracker, List<InfoHash> swarms, Instant deadline, Option<InetAddress> at) {
        Either<TrackerFailure, String> scrapeUrl = TrackerUrls.httpUri(tracker)
                .flatMap(valid -> TrackerUrls.scrapeUrl(tracker.value())
                        .toEither(() -> new TrackerFailure.Unsupported("tracker has no scrape URL")));
        if (scrapeUrl.isLeft()) {
            return CallInFlight.unsent(Either.left(scrapeUrl.getLeft()));
        }
        List<InfoHash> hashes = swarms.stream().distinct().toList();
        if (hashes.isEmpty()) {
            return CallInFlight.unsent(Either.right(new ScrapeResponse(Map.of(), 1)));
        }
        TrackerCall<ScrapeResponse> call = new TrackerCall<>(scheduler, deadline);
        scrapeBatches(call, scrapeUrl.get(), hashes, 0, config.scrapeBatch(), new HashMap<>(), at)
                .whenComplete(call::finish);
        return call.inFlight();
    }

    private CompletableFuture<Either<TrackerFailure, ScrapeResponse>> scrapeBatches(
            TrackerCall<ScrapeResponse> call,
            String scrapeUrl,
            List<InfoHash> hashes,
            int from,
            int batch,
            Map<InfoHash, ScrapeStats> stats,
            Option<InetAddress> at) {
        if (from >= hashes.size()) {
            return done(Either.right(new ScrapeResponse(stats, call.attempts())));
        }
        List<InfoHash> asked = hashes.subList(from, Math.min(hashes.size(), from + batch));
        Either<TrackerFailure, URI> uri =
                TrackerUrls.httpUri(TrackerUrls.withParameters(scrapeUrl, AnnounceQuery.scrape(asked)));
        if (uri.isLeft()) {
            return done(Either.left(uri.getLeft()));
        }
        call.countRequest();
        return fetch.get(call, uri.get(), ANY_FAMILY, 0, at).thenCompose(fetched -> {
            if (fetched.isLeft()) {
                return done(Either.left(fetched.getLeft()));
            }
            TrackerFetch.Fetched answer = fetched.get();
            if (answer.status() == URI_TOO_LONG) {
                return batch == 1
                        ? done(Either.left(new TrackerFailure.Malformed(
                                "HTTP 414 URI too long, even for one info hash", call.attempts())))
                        : scrapeBatches(call, scrapeUrl, hashes, from, batch / 2, stats, at);
            }
            Either<TrackerFailure, Map<InfoHash, ScrapeStats>> counts =
                    TrackerReplies.scrape(answer.status(), answer.body(), asked);
            if (counts.isLeft()) {
                return done(Either.left(counts.getLeft()));
            }
            stats.putAll(counts.get());
            return scrapeBatches(call, scrapeUrl, hashes, from + asked.size(), batch, stats, at);
        });
    }

    /** Requests waiting for a free thread (tests see the bound through it). */
    int waitingForThread() {
        return executor.getQueue().size();
    }

    private static <T> CompletableFuture<Either<TrackerFailure, T>> done(Either<TrackerFailure, T> outcome) {
        return CompletableFuture.completedFuture(outcome);
    }

    /**
     * Ends calls in flight: their connections are closed, so no thread is left blocked in the
     * kernel, where HotSpot's exit would wait up to 300 ms for it.
     */
    @Override
    public void close() {
        exchange.close();
        // Requests still waiting for a thread run here and now: the exchange is closed, so each only ends its call.
        executor.shutdownNow().forEach(Runnable::run);
        hosts.close();
    }

    /**
     * A blocking exchange holds its thread until it ends, so at most {@code max} run at once and
     * the rest wait in line (their deadline still runs; one whose deadline passed is never sent):
     * {@code trackers --from} a list of thousands of unanswering URLs must not start a thread each
     * (a container's pid limit would end the JVM). Idle threads end after a few seconds.
     */
    private static ThreadPoolExecutor boundedThreads(int max) {
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(max, max, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemonThreads());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "peerscout-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
