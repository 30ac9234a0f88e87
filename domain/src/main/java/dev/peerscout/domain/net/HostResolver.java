package dev.peerscout.domain.net;

import dev.peerscout.domain.model.Problems;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.port.Resolver;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Either;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Resolves host names on a few daemon threads of its own (a bounded number: a burst of trackers
 * queues its lookups rather than starting a thread each), so a slow name server never blocks a
 * caller or another tracker, and gives up at the caller's deadline with a {@code dns} failure: for
 * every client, resolution is its own outcome, never a timeout of the request. Concurrent lookups of one name share one query;
 * address literals need none.
 */
public final class HostResolver implements AutoCloseable {
    private static final int THREADS = 4;
    private static final int REMEMBERED_LITERALS = 1024;
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Resolver resolver;
    private final Scheduler scheduler;
    private final ThreadPoolExecutor executor;
    private final Map<String, CompletableFuture<Either<String, List<InetAddress>>>> inFlight =
            new ConcurrentHashMap<>();
    /** Address literals already parsed: the same few trackers are asked about many swarms. */
    private final Map<String, Either<TrackerFailure, List<InetAddress>>> literals = new ConcurrentHashMap<>();

    /** {@code name} names its threads ({@code peerscout-<name>-dns-1}). */
    public HostResolver(Resolver resolver, Scheduler scheduler, String name) {
        this.resolver = resolver;
        this.scheduler = scheduler;
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(
                THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "peerscout-" + name + "-dns-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
    }

    /** The host's addresses, or a {@link TrackerFailure.DnsFailure}, by {@code deadline} at the latest. */
    public CompletableFuture<Either<TrackerFailure, List<InetAddress>>> resolve(String host, Instant deadline) {
        Either<TrackerFailure, List<InetAddress>> literal = literals.get(host);
        if (literal == null
                && (host.indexOf(':') >= 0 || IPV4_LITERAL.matcher(host).matches())) {
            literal = literal(host);
            if (literals.size() >= REMEMBERED_LITERALS) {
                literals.clear();
            }
            literals.put(host, literal);
        }
        if (literal != null) {
            return CompletableFuture.completedFuture(literal);
        }
        Instant now = scheduler.now();
        if (!now.isBefore(deadline)) {
            return CompletableFuture.completedFuture(Either.left(new TrackerFailure.DnsFailure(host, "no time left")));
        }
        CompletableFuture<Either<TrackerFailure, List<InetAddress>>> result = new CompletableFuture<>();
        Duration budget = Duration.between(now, deadline);
        Scheduler.Cancellable timer = scheduler.schedule(
                budget,
                () -> result.complete(Either.left(
                        new TrackerFailure.DnsFailure(host, "not resolved within " + budget.toMillis() + " ms"))));
        lookUp(host).thenAccept(outcome -> {
            timer.cancel();
            result.complete(outcome.mapLeft(detail -> new TrackerFailure.DnsFailure(host, detail)));
        });
        return result;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private CompletableFuture<Either<String, List<InetAddress>>> lookUp(String host) {
        CompletableFuture<Either<String, List<InetAddress>>> created = new CompletableFuture<>();
        CompletableFuture<Either<String, List<InetAddress>>> existing = inFlight.putIfAbsent(host, created);
        if (existing != null) {
            return existing;
        }
        try {
            executor.execute(() -> {
                Either<String, List<InetAddress>> outcome = ask(host);
                inFlight.remove(host, created);
                created.complete(outcome);
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(host, created);
            created.complete(Either.left("client closed"));
        }
        return created;
    }

    private Either<String, List<InetAddress>> ask(String host) {
        try {
            List<InetAddress> addresses = resolver.resolve(host);
            return addresses.isEmpty() ? Either.left("no address") : Either.right(List.copyOf(addresses));
        } catch (UnknownHostException e) {
            return Either.left("unknown host");
        } catch (RuntimeException e) {
            // A resolver is outside code: whatever it throws is a failed lookup, not our bug.
            return Either.left(Problems.describe(e, "lookup failed"));
        }
    }

    private static Either<TrackerFailure, List<InetAddress>> literal(String host) {
        try {
            return Either.right(List.of(InetAddress.getByName(host)));
        } catch (UnknownHostException e) {
            return Either.left(new TrackerFailure.DnsFailure(host, "not a valid address literal"));
        }
    }
}
