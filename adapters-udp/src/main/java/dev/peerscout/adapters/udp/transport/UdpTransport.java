package dev.peerscout.adapters.udp.transport;

import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Runs BEP 15 exchanges with any number of trackers without a thread per request: one connected
 * channel per tracker address, one receiver thread for all of them, and timers on the injected
 * {@link Scheduler}. Connection ids are shared by all exchanges with the same tracker.
 */
public final class UdpTransport implements AutoCloseable {
    /** Asked of the kernel; it caps the value at net.core.rmem_max. */
    private static final int SOCKET_BUFFER = 1 << 20;

    private final Scheduler scheduler;
    private final TransactionIds transactionIds;
    private final RetransmitPolicy policy;
    private final ConnectionIds connectionIds;
    private final Duration idleTimeout;
    private final int maxInFlightPerTracker;
    private final Receiver receiver;
    private final Map<InetSocketAddress, Endpoint> endpoints = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param random                source of transaction ids (use a {@code SecureRandom}: they are
     *                              what stops spoofed replies)
     * @param connectionIdLifetime  how long a connection id is reused; idle sockets close after it too
     * @param maxInFlightPerTracker exchanges with a datagram outstanding per tracker address
     */
    public UdpTransport(
            Scheduler scheduler,
            RandomGenerator random,
            RetransmitPolicy policy,
            Duration connectionIdLifetime,
            int maxInFlightPerTracker) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.transactionIds = new TransactionIds(Objects.requireNonNull(random, "random"));
        this.policy = Objects.requireNonNull(policy, "policy");
        this.connectionIds = new ConnectionIds(scheduler, connectionIdLifetime);
        this.idleTimeout = connectionIdLifetime;
        this.maxInFlightPerTracker = maxInFlightPerTracker;
        try {
            this.receiver = new Receiver();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
    }

    /**
     * Asks {@code operation} of the tracker at {@code address}. The future completes by {@code deadline}
     * and never exceptionally; {@code started} is when the caller's operation began (for
     * {@link TrackerFailure.Timeout#waited()}).
     */
    public <R> CompletableFuture<Either<TrackerFailure, Answered<R>>> exchange(
            InetSocketAddress address, TrackerKey key, Operation<R> operation, Instant started, Instant deadline) {
        return exchange(address, key, operation, started, deadline, Function.identity());
    }

    /**
     * As {@link #exchange(InetSocketAddress, TrackerKey, Query, Instant, Instant)}, with the result
     * turned into the caller's answer by {@code conclusion} (pure and quick: it runs on the thread
     * that ends the exchange) instead of in a second future.
     */
    public <R, T> CompletableFuture<T> exchange(
            InetSocketAddress address,
            TrackerKey key,
            Operation<R> operation,
            Instant started,
            Instant deadline,
            Function<Either<TrackerFailure, Answered<R>>, T> conclusion) {
        while (!closed) {
            Endpoint endpoint;
            try {
                endpoint = endpoints.computeIfAbsent(address, this::open);
            } catch (UncheckedIOException e) {
                return CompletableFuture.completedFuture(conclusion.apply(Either.left(new TrackerFailure.Unreachable(
                        String.valueOf(e.getCause().getMessage()), 0))));
            }
            Exchange<R, T> exchange = new Exchange<>(
                    endpoint, key, operation, started, deadline, scheduler, policy, connectionIds, conclusion);
            if (endpoint.admit(exchange)) {
                if (closed) {
                    endpoint.withLock(() -> endpoint.shutdown("client closed"));
                }
                return exchange.outcome();
            }
            endpoints.remove(address, endpoint);
        }
        return CompletableFuture.completedFuture(
                conclusion.apply(Either.left(new TrackerFailure.Unreachable("client closed", 0))));
    }

    /** Ends every exchange in flight (as unreachable), closes the sockets and stops the receiver. */
    @Override
    public void close() {
        closed = true;
        for (Endpoint endpoint : List.copyOf(endpoints.values())) {
            endpoint.withLock(() -> endpoint.shutdown("client closed"));
        }
        receiver.close();
    }

    private Endpoint open(InetSocketAddress address) {
        try {
            DatagramChannel channel = DatagramChannel.open(
                    address.getAddress() instanceof Inet6Address
                            ? StandardProtocolFamily.INET6
                            : StandardProtocolFamily.INET);
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
                channel.connect(address);
                Endpoint endpoint = new Endpoint(
                        address,
                        channel,
                        transactionIds,
                        scheduler,
                        idleTimeout,
                        maxInFlightPerTracker,
                        gone -> endpoints.remove(address, gone));
                receiver.register(channel, endpoint);
                return endpoint;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
