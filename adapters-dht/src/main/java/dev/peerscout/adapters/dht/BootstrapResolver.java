package dev.peerscout.adapters.dht;

import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.Problems;
import dev.peerscout.domain.port.Resolver;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Either;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Resolves bootstrap nodes' host names on a few daemon threads of its own, so a slow name server
 * never blocks a lookup, and gives up at the caller's deadline. Address literals need no lookup.
 */
final class BootstrapResolver implements AutoCloseable {
    private static final int THREADS = 2;
    /** A host name with dozens of addresses does not get dozens of queries. */
    private static final int MAX_ADDRESSES_PER_HOST = 4;
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Resolver resolver;
    private final Scheduler scheduler;
    private final ThreadPoolExecutor executor;

    BootstrapResolver(Resolver resolver, Scheduler scheduler) {
        this.resolver = resolver;
        this.scheduler = scheduler;
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "peerscout-dht-dns-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
    }

    /** The node's socket addresses, or why there are none, by {@code deadline} at the latest. */
    CompletableFuture<Either<String, List<InetSocketAddress>>> resolve(HostPort node, Instant deadline) {
        if (node.port() == 0) {
            return CompletableFuture.completedFuture(Either.left("port 0"));
        }
        String host = node.host();
        if (host.indexOf(':') >= 0 || IPV4_LITERAL.matcher(host).matches()) {
            return CompletableFuture.completedFuture(literal(host).map(address -> withPort(List.of(address), node)));
        }
        Instant now = scheduler.now();
        if (!now.isBefore(deadline)) {
            return CompletableFuture.completedFuture(Either.left("no time left to resolve"));
        }
        CompletableFuture<Either<String, List<InetSocketAddress>>> result = new CompletableFuture<>();
        Duration budget = Duration.between(now, deadline);
        Scheduler.Cancellable timer = scheduler.schedule(budget,
                () -> result.complete(Either.left("not resolved within " + budget.toMillis() + " ms")));
        try {
            executor.execute(() -> {
                Either<String, List<InetSocketAddress>> outcome = ask(host).map(addresses -> withPort(addresses, node));
                timer.cancel();
                result.complete(outcome);
            });
        } catch (RejectedExecutionException e) {
            timer.cancel();
            result.complete(Either.left("DHT client closed"));
        }
        return result;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private Either<String, List<InetAddress>> ask(String host) {
        try {
            List<InetAddress> addresses = resolver.resolve(host);
            return addresses.isEmpty() ? Either.left("no address") : Either.right(addresses);
        } catch (UnknownHostException e) {
            return Either.left("unknown host");
        } catch (RuntimeException e) {
            // A resolver is outside code: whatever it throws is a failed lookup, not our bug.
            return Either.left(Problems.describe(e, "lookup failed"));
        }
    }

    private static List<InetSocketAddress> withPort(List<InetAddress> addresses, HostPort node) {
        return addresses.stream().limit(MAX_ADDRESSES_PER_HOST)
                .map(address -> new InetSocketAddress(address, node.port())).toList();
    }

    private static Either<String, InetAddress> literal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            return Either.right(InetAddress.getByName(bare));
        } catch (UnknownHostException e) {
            return Either.left("not a valid address literal");
        }
    }
}
