package dev.peerscout.adapters.http;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.ScrapeResponse;
import dev.peerscout.domain.model.ScrapeStats;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.net.HostResolver;
import dev.peerscout.domain.port.Resolver;
import dev.peerscout.domain.port.TrackerClient;
import dev.peerscout.domain.port.TrackerProbe;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The {@link TrackerClient} for {@code http://} and {@code https://} trackers (BEP 3, 7, 23, 24,
 * 48), on one shared {@link HttpClient} whose threads are daemons.
 *
 * <p>Each call runs against its deadline on the {@link Scheduler}'s clock: requests get the time
 * that is left as their timeout, and at the deadline the call ends in a timeout and the exchange
 * is cancelled. Bodies are streamed into a bounded buffer (gzip is undone under the same bound).
 * Redirects are followed here, not by the JDK, so that their number is ours to bound and an
 * https tracker can never be downgraded to plain http. The {@code tracker id} a tracker gives is
 * sent back on later announces to the same tracker URL for the same swarm.
 *
 * <p>{@link #close()} before the JVM exits: the JDK client's selector thread waits in the kernel,
 * and HotSpot's exit waits up to 300 ms for such a thread before it gives up on it.
 */
public final class HttpTrackerClient implements TrackerClient, AutoCloseable {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int URI_TOO_LONG = 414;
    private static final Set<AddressFamily> ANY_FAMILY = EnumSet.allOf(AddressFamily.class);
    /** How long {@link #close()} waits for the JDK client's threads to end. */
    private static final Duration CLOSE_PATIENCE = Duration.ofSeconds(1);

    private final Scheduler scheduler;
    private final HttpTrackerConfig config;
    private final ExecutorService executor;
    private final HttpClient http;
    private final Map<SwarmAtTracker, TrackerId> trackerIds = new ConcurrentHashMap<>();
    private final HostResolver hosts;
    private final HttpTrackerProbe probe;

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

    private HttpTrackerClient(Scheduler scheduler, HttpTrackerConfig config, Option<SSLContext> tls, Resolver resolver) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.config = Objects.requireNonNull(config, "config");
        this.hosts = new HostResolver(resolver, scheduler, "http");
        this.executor = Executors.newCachedThreadPool(daemonThreads());
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.connectTimeout())
                .executor(executor);
        tls.forEach(builder::sslContext);
        this.http = builder.build();
        this.probe = new HttpTrackerProbe(this, scheduler, executor);
    }

    /** This client as a {@link TrackerProbe} (tracker health), with its limits on choosing an address. */
    public TrackerProbe probe() {
        return probe;
    }

    /** The tracker id is kept per tracker URL and swarm: one tracker may track many swarms. */
    private record SwarmAtTracker(String trackerUrl, InfoHash swarm) {}

    /** A final (non-redirect) answer. */
    private record Fetched(int status, byte[] body) {}

    @Override
    public CompletableFuture<Either<TrackerFailure, AnnounceResponse>> announce(
            TrackerUrl tracker, AnnounceRequest request, Instant deadline) {
        SwarmAtTracker swarm = new SwarmAtTracker(tracker.value(), request.infoHash());
        Either<TrackerFailure, URI> uri = TrackerUrls.httpUri(tracker).flatMap(valid -> TrackerUrls.httpUri(
                TrackerUrls.withParameters(tracker.value(),
                        AnnounceQuery.announce(request, Option.of(trackerIds.get(swarm))))));
        if (uri.isLeft()) {
            return CompletableFuture.completedFuture(Either.left(uri.getLeft()));
        }
        TrackerCall<AnnounceResponse> call = new TrackerCall<>(scheduler, deadline);
        call.countRequest();
        fetch(call, uri.get(), request.families(), 0)
                .thenApply(fetched -> fetched.flatMap(answer -> TrackerReplies.announce(answer.status(), answer.body())))
                .thenApply(reply -> reply.peek(ok -> ok.trackerId().forEach(id -> trackerIds.put(swarm, id)))
                        .map(ok -> ok.toResponse(1)))
                .whenComplete(call::finish);
        return call.result();
    }

    /**
     * Scrapes through the BEP 48 scrape URL, many hashes per request; a "URI too long" (414)
     * halves the batch and retries it. The port's scrape has no address families: any is used.
     */
    @Override
    public CompletableFuture<Either<TrackerFailure, ScrapeResponse>> scrape(
            TrackerUrl tracker, List<InfoHash> swarms, Instant deadline) {
        Either<TrackerFailure, String> scrapeUrl = TrackerUrls.httpUri(tracker).flatMap(valid ->
                TrackerUrls.scrapeUrl(tracker.value())
                        .toEither(() -> new TrackerFailure.Unsupported("tracker has no scrape URL")));
        if (scrapeUrl.isLeft()) {
            return CompletableFuture.completedFuture(Either.left(scrapeUrl.getLeft()));
        }
        List<InfoHash> hashes = swarms.stream().distinct().toList();
        if (hashes.isEmpty()) {
            return CompletableFuture.completedFuture(Either.right(new ScrapeResponse(Map.of(), 1)));
        }
        TrackerCall<ScrapeResponse> call = new TrackerCall<>(scheduler, deadline);
        scrapeBatches(call, scrapeUrl.get(), hashes, 0, config.scrapeBatch(), new HashMap<>())
                .whenComplete(call::finish);
        return call.result();
    }

    private CompletableFuture<Either<TrackerFailure, ScrapeResponse>> scrapeBatches(TrackerCall<ScrapeResponse> call,
            String scrapeUrl, List<InfoHash> hashes, int from, int batch, Map<InfoHash, ScrapeStats> stats) {
        if (from >= hashes.size()) {
            return done(Either.right(new ScrapeResponse(stats, call.attempts())));
        }
        List<InfoHash> asked = hashes.subList(from, Math.min(hashes.size(), from + batch));
        Either<TrackerFailure, URI> uri = TrackerUrls.httpUri(
                TrackerUrls.withParameters(scrapeUrl, AnnounceQuery.scrape(asked)));
        if (uri.isLeft()) {
            return done(Either.left(uri.getLeft()));
        }
        call.countRequest();
        return fetch(call, uri.get(), ANY_FAMILY, 0).thenCompose(fetched -> {
            if (fetched.isLeft()) {
                return done(Either.left(fetched.getLeft()));
            }
            Fetched answer = fetched.get();
            if (answer.status() == URI_TOO_LONG) {
                return batch == 1
                        ? done(Either.left(new TrackerFailure.Malformed("HTTP 414 URI too long, even for one info hash", call.attempts())))
                        : scrapeBatches(call, scrapeUrl, hashes, from, batch / 2, stats);
            }
            Either<TrackerFailure, Map<InfoHash, ScrapeStats>> counts =
                    TrackerReplies.scrape(answer.status(), answer.body(), asked);
            if (counts.isLeft()) {
                return done(Either.left(counts.getLeft()));
            }
            stats.putAll(counts.get());
            return scrapeBatches(call, scrapeUrl, hashes, from + asked.size(), batch, stats);
        });
    }

    /**
     * GETs {@code uri}, following redirects, and returns the final status and decoded body. The
     * host is resolved first, on the resolver's own bounded threads: a name that does not resolve
     * by the deadline is a {@code dns} failure and no request is sent. (The JDK client resolves it
     * again when it connects, from the JVM's address cache.)
     */
    private CompletableFuture<Either<TrackerFailure, Fetched>> fetch(
            TrackerCall<?> call, URI uri, Set<AddressFamily> families, int redirects) {
        String host = FamilyRoute.hostOf(uri);
        call.resolving(host);
        return call.track(hosts.resolve(host, call.deadline()))
                .thenCompose(resolved -> {
                    call.resolved();
                    return resolved.isLeft() ? done(Either.<TrackerFailure, Fetched>left(resolved.getLeft()))
                            : fetchResolved(call, uri, resolved.get(), families, redirects);
                });
    }

    private CompletableFuture<Either<TrackerFailure, Fetched>> fetchResolved(
            TrackerCall<?> call, URI uri, List<InetAddress> addresses, Set<AddressFamily> families, int redirects) {
        return done(checkFamily(uri, addresses, families))
                .thenCompose(allowed -> allowed.isLeft() ? done(Either.left(allowed.getLeft())) : send(call, uri))
                .thenCompose(sent -> {
                    if (sent.isLeft()) {
                        return done(Either.left(sent.getLeft()));
                    }
                    HttpResponse<ReceivedBody> response = sent.get();
                    Option<String> location = Option.ofOptional(response.headers().firstValue("Location"));
                    if (REDIRECTS.contains(response.statusCode()) && location.isDefined()) {
                        return redirect(uri, location.get(), redirects)
                                .fold(failure -> done(Either.left(failure)),
                                        next -> fetch(call, next, families, redirects + 1));
                    }
                    return done(body(response));
                });
    }

    private Either<TrackerFailure, URI> redirect(URI from, String location, int redirectsSoFar) {
        if (redirectsSoFar >= config.maxRedirects()) {
            return Either.left(new TrackerFailure.Malformed("more than " + config.maxRedirects() + " redirects", 1));
        }
        URI next;
        try {
            next = from.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            return Either.left(new TrackerFailure.Malformed("redirect to an invalid URL: " + BodyPreview.of(location.getBytes(StandardCharsets.UTF_8)), 1));
        }
        Either<TrackerFailure, URI> valid = TrackerUrls.httpUri(next.toString());
        if (valid.isLeft()) {
            return Either.left(new TrackerFailure.Unsupported("redirect refused: " + valid.getLeft().message()));
        }
        if (from.getScheme().equalsIgnoreCase("https") && next.getScheme().equalsIgnoreCase("http")) {
            return Either.left(new TrackerFailure.Unsupported("redirect from https to plain http refused"));
        }
        return valid;
    }

    private CompletableFuture<Either<TrackerFailure, HttpResponse<ReceivedBody>>> send(TrackerCall<?> call, URI uri) {
        Duration remaining = call.remaining();
        if (remaining.isNegative() || remaining.isZero()) {
            return done(Either.left(call.timeout()));
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(remaining)
                .header("User-Agent", config.userAgent())
                .header("Accept-Encoding", "gzip")
                .build();
        return call.track(http.sendAsync(request, CappedBodySubscriber.handler(config.maxBodyBytes())))
                .handle((response, error) -> {
                    if (error == null) {
                        return Either.right(response);
                    }
                    return Either.left(TransportFailures.of(error, FamilyRoute.hostOf(uri), call)
                            .getOrElseThrow(() -> new CompletionException(error)));
                });
    }

    private Either<TrackerFailure, Fetched> body(HttpResponse<ReceivedBody> response) {
        ReceivedBody received = response.body();
        if (received.overflowed()) {
            return Either.left(new TrackerFailure.Malformed(
                    "body larger than " + config.bodyLimitText() + " (HTTP " + response.statusCode() + ")", 1));
        }
        String encoding = response.headers().firstValue("Content-Encoding").orElse("");
        return ContentDecoding.decode(encoding, received.bytes(), config.maxBodyBytes())
                .map(bytes -> new Fetched(response.statusCode(), bytes));
    }

    /** Only when the user excluded a family: see {@link FamilyRoute} for why and how. */
    private static Either<TrackerFailure, InetAddress> checkFamily(
            URI uri, List<InetAddress> addresses, Set<AddressFamily> families) {
        if (!FamilyRoute.restricts(families)) {
            return Either.right(null);
        }
        String host = FamilyRoute.hostOf(uri);
        Option<TrackerFailure> excluded = AddressFamily.excludedLiteral(host, families);
        return excluded.isDefined() ? Either.left(excluded.get()) : FamilyRoute.choose(host, addresses, families);
    }

    private static <T> CompletableFuture<Either<TrackerFailure, T>> done(Either<TrackerFailure, T> outcome) {
        return CompletableFuture.completedFuture(outcome);
    }

    /**
     * Ends calls in flight and stops the JDK client's threads. JDK 21 and later have
     * {@code HttpClient.shutdownNow()} (called reflectively: the bytecode targets 17); on 17 the
     * client's selector thread ends when interrupted, which is what its own shutdown does.
     */
    @Override
    public void close() {
        executor.shutdownNow();
        if (http instanceof AutoCloseable) {
            try {
                HttpClient.class.getMethod("shutdownNow").invoke(http);
                HttpClient.class.getMethod("awaitTermination", Duration.class).invoke(http, CLOSE_PATIENCE);
                return;
            } catch (ReflectiveOperationException e) {
                // Fall through to what works on 17.
            }
        }
        // The JDK names the thread after the client's id, which the client's toString() ends with: "...(7)".
        String text = http.toString();
        int open = text.lastIndexOf('(');
        if (open < 0 || !text.endsWith(")")) {
            return;
        }
        String selectorThread = "HttpClient-" + text.substring(open + 1, text.length() - 1) + "-SelectorManager";
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals(selectorThread)) {
                thread.interrupt();
                try {
                    thread.join(CLOSE_PATIENCE.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
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
