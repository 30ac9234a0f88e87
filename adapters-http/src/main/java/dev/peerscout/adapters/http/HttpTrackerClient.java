package dev.peerscout.adapters.http;

import dev.peerscout.adapters.http.AddressedExchange.Answer;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.scrape.ScrapeResponse;
import dev.peerscout.domain.model.scrape.ScrapeStats;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.net.HostResolver;
import dev.peerscout.domain.port.Resolver;
import dev.peerscout.domain.port.CallInFlight;
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
    private final AddressedExchange addressed;

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
        this.addressed = new AddressedExchange(config, tls.getOrElse(this.http.sslContext()).getSocketFactory(), executor);
        this.probe = new HttpTrackerProbe(this, scheduler, hosts);
    }

    /** This client as a {@link TrackerProbe} (tracker health): every address of a host is asked on its own. */
    public TrackerProbe probe() {
        return probe;
    }

    /** The tracker id is kept per tracker URL and swarm: one tracker may track many swarms. */
    private record SwarmAtTracker(String trackerUrl, InfoHash swarm) {}

    /** A final (non-redirect) answer. */
    private record Fetched(int status, byte[] body) {}

    @Override
    public CallInFlight<Either<TrackerFailure, AnnounceResponse>> announce(
            TrackerUrl tracker, AnnounceRequest request, Instant deadline) {
        return announce(tracker, request, deadline, Option.none());
    }

    /**
     * Announces to one given address of the tracker's host ({@link AddressedExchange}), or, with
     * none, to whichever address the JDK's client picks. A redirect to the same host stays on
     * that address; one to another host goes wherever the JDK's client connects.
     */
    CallInFlight<Either<TrackerFailure, AnnounceResponse>> announce(
            TrackerUrl tracker, AnnounceRequest request, Instant deadline, Option<InetAddress> at) {
        SwarmAtTracker swarm = new SwarmAtTracker(tracker.value(), request.infoHash());
        Either<TrackerFailure, URI> uri = TrackerUrls.httpUri(tracker).flatMap(valid -> TrackerUrls.httpUri(
                TrackerUrls.withParameters(tracker.value(),
                        AnnounceQuery.announce(request, Option.of(trackerIds.get(swarm))))));
        if (uri.isLeft()) {
            return CallInFlight.unsent(Either.left(uri.getLeft()));
        }
        TrackerCall<AnnounceResponse> call = new TrackerCall<>(scheduler, deadline);
        call.countRequest();
        fetch(call, uri.get(), request.families(), 0, at)
                .thenApply(fetched -> fetched.flatMap(answer -> TrackerReplies.announce(answer.status(), answer.body())))
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

    /** Scrapes at one given address of the tracker's host, or wherever the JDK's client connects. */
    CallInFlight<Either<TrackerFailure, ScrapeResponse>> scrape(
            TrackerUrl tracker, List<InfoHash> swarms, Instant deadline, Option<InetAddress> at) {
        Either<TrackerFailure, String> scrapeUrl = TrackerUrls.httpUri(tracker).flatMap(valid ->
                TrackerUrls.scrapeUrl(tracker.value())
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

    private CompletableFuture<Either<TrackerFailure, ScrapeResponse>> scrapeBatches(TrackerCall<ScrapeResponse> call,
            String scrapeUrl, List<InfoHash> hashes, int from, int batch, Map<InfoHash, ScrapeStats> stats,
            Option<InetAddress> at) {
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
        return fetch(call, uri.get(), ANY_FAMILY, 0, at).thenCompose(fetched -> {
            if (fetched.isLeft()) {
                return done(Either.left(fetched.getLeft()));
            }
            Fetched answer = fetched.get();
            if (answer.status() == URI_TOO_LONG) {
                return batch == 1
                        ? done(Either.left(new TrackerFailure.Malformed("HTTP 414 URI too long, even for one info hash", call.attempts())))
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

    /**
     * GETs {@code uri}, following redirects, and returns the final status and decoded body. The
     * host is resolved first, on the resolver's own bounded threads: a name that does not resolve
     * by the deadline is a {@code dns} failure and no request is sent. (The JDK client resolves it
     * again when it connects, from the JVM's address cache.) With an address, nothing is resolved:
     * the request goes there (already of an allowed family, chosen by the caller).
     */
    private CompletableFuture<Either<TrackerFailure, Fetched>> fetch(
            TrackerCall<?> call, URI uri, Set<AddressFamily> families, int redirects, Option<InetAddress> at) {
        if (at.isDefined()) {
            return send(call, uri, at.get()).thenCompose(sent -> answered(call, uri, sent, families, redirects, at));
        }
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
                .thenCompose(sent -> answered(call, uri, sent, families, redirects, Option.none()));
    }

    /** The final answer, or the redirect followed (on the same address while the host stays the same). */
    private CompletableFuture<Either<TrackerFailure, Fetched>> answered(TrackerCall<?> call, URI uri,
            Either<TrackerFailure, Answer> sent, Set<AddressFamily> families, int redirects, Option<InetAddress> at) {
        if (sent.isLeft()) {
            return done(Either.left(sent.getLeft()));
        }
        Answer answer = sent.get();
        if (REDIRECTS.contains(answer.status()) && answer.location().isDefined()) {
            return redirect(uri, answer.location().get(), redirects)
                    .fold(failure -> done(Either.left(failure)), next -> fetch(call, next, families, redirects + 1,
                            at.filter(same -> FamilyRoute.hostOf(next).equals(FamilyRoute.hostOf(uri)))));
        }
        return done(body(answer));
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

    private CompletableFuture<Either<TrackerFailure, Answer>> send(TrackerCall<?> call, URI uri) {
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
        call.sending();
        return call.track(http.sendAsync(request, CappedBodySubscriber.handler(config.maxBodyBytes())))
                .handle((response, error) -> {
                    if (error == null) {
                        return Either.right(new Answer(response.statusCode(),
                                Option.ofOptional(response.headers().firstValue("Location")),
                                response.headers().firstValue("Content-Encoding").orElse(""), response.body()));
                    }
                    return Either.left(TransportFailures.of(error, FamilyRoute.hostOf(uri), call)
                            .getOrElseThrow(() -> new CompletionException(error)));
                });
    }

    private CompletableFuture<Either<TrackerFailure, Answer>> send(TrackerCall<?> call, URI uri, InetAddress address) {
        Duration remaining = call.remaining();
        if (remaining.isNegative() || remaining.isZero()) {
            return done(Either.left(call.timeout()));
        }
        return call.track(addressed.get(uri, address, remaining))
                .handle((answer, error) -> error == null ? answer
                        : Either.left(TransportFailures.of(error, FamilyRoute.hostOf(uri), call)
                                .getOrElseThrow(() -> new CompletionException(error))));
    }

    private Either<TrackerFailure, Fetched> body(Answer answer) {
        ReceivedBody received = answer.body();
        if (received.overflowed()) {
            return Either.left(new TrackerFailure.Malformed(
                    "body larger than " + config.bodyLimitText() + " (HTTP " + answer.status() + ")", 1));
        }
        return ContentDecoding.decode(answer.contentEncoding(), received.bytes(), config.maxBodyBytes())
                .map(bytes -> new Fetched(answer.status(), bytes));
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
