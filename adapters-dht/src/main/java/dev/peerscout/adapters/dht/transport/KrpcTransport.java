package dev.peerscout.adapters.dht.transport;

import dev.peerscout.adapters.dht.krpc.Krpc;
import dev.peerscout.adapters.dht.krpc.Message;
import dev.peerscout.adapters.dht.krpc.NodeId;
import dev.peerscout.adapters.dht.krpc.Query;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.Problems;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * KRPC over UDP without a thread per query: one unconnected socket per address family, one daemon
 * thread reading both through a selector, and per-query timeouts on the injected {@link Scheduler}.
 * A reply counts only if its transaction id is one we are waiting for <em>and</em> it comes from
 * the address and port we asked; anything else (strays, forgeries, malformed datagrams, queries
 * from other nodes: we are read-only) is dropped and counted in {@link #ignoredDatagrams()}.
 *
 * <p>Outcome futures complete on the receiver thread (or the scheduler's, for timeouts): what runs
 * after them must be short and must not block.
 */
public final class KrpcTransport implements AutoCloseable {
    /** Larger than any UDP payload: no datagram is ever truncated. */
    private static final int MAX_DATAGRAM = 64 * 1024;
    /** Asked of the kernel (which caps it at net.core.rmem_max): bursts of replies arrive together. */
    private static final int SOCKET_BUFFER = 1 << 20;

    private final NodeId self;
    private final Map<AddressFamily, InetAddress> bindings;
    private final Map<AddressFamily, DatagramChannel> channels = new EnumMap<>(AddressFamily.class);
    private final PendingQueries pending;
    private final AtomicLong ignored = new AtomicLong();
    private Selector selector;
    private Thread receiver;
    private volatile boolean closed;

    /**
     * @param random   source of transaction ids: a {@code SecureRandom} in production
     * @param self     our node id, sent in every query
     * @param ipv4     local address of the IPv4 socket (the wildcard, or 127.0.0.1 in tests)
     * @param ipv6     local address of the IPv6 socket (the wildcard, or ::1 in tests)
     */
    public KrpcTransport(Scheduler scheduler, RandomGenerator random, NodeId self, InetAddress ipv4, InetAddress ipv6) {
        this.pending = new PendingQueries(
                Objects.requireNonNull(scheduler, "scheduler"), Objects.requireNonNull(random, "random"));
        this.self = Objects.requireNonNull(self, "self");
        this.bindings = new EnumMap<>(Map.of(AddressFamily.IPV4, ipv4, AddressFamily.IPV6, ipv6));
        bindings.forEach((family, address) -> {
            if (AddressFamily.of(address) != family) {
                throw new IllegalArgumentException(address + " is not an " + family + " address");
            }
        });
    }

    /**
     * Opens the sockets of {@code families} not open yet. Returns the families we can use, or why
     * none of them can be.
     */
    public synchronized Either<String, Set<AddressFamily>> open(Set<AddressFamily> families) {
        if (closed) {
            return Either.left("DHT client closed");
        }
        Set<AddressFamily> usable = EnumSet.noneOf(AddressFamily.class);
        List<String> problems = new ArrayList<>();
        for (AddressFamily family : families) {
            if (channels.containsKey(family)) {
                usable.add(family);
                continue;
            }
            try {
                channels.put(family, bind(family));
                usable.add(family);
            } catch (IOException | UnsupportedOperationException e) {
                problems.add("cannot open an " + family + " UDP socket on "
                        + bindings.get(family).getHostAddress() + ": " + e.getMessage());
            }
        }
        return usable.isEmpty()
                ? Either.left(problems.isEmpty() ? "no address family allowed" : String.join("; ", problems))
                : Either.right(usable);
    }

    /** Where the socket of {@code family} listens, once open (tests point fake nodes' replies there). */
    public synchronized Option<InetSocketAddress> localAddress(AddressFamily family) {
        DatagramChannel channel = channels.get(family);
        try {
            return channel == null ? Option.none() : Option.of((InetSocketAddress) channel.getLocalAddress());
        } catch (IOException e) {
            return Option.none();
        }
    }

    /**
     * Sends {@code query} to {@code node}. Left when it could not be sent at all (no socket of that
     * family, a full send buffer, no route); otherwise the reply, which arrives within {@code timeout}
     * or becomes a {@link QueryOutcome.NoReply}.
     */
    public Either<String, CompletableFuture<QueryOutcome>> ask(InetSocketAddress node, Query query, Duration timeout) {
        DatagramChannel channel;
        synchronized (this) {
            channel = closed ? null : channels.get(AddressFamily.of(node.getAddress()));
        }
        if (channel == null) {
            return Either.left(closed ? "DHT client closed" : "no " + AddressFamily.of(node.getAddress()) + " socket");
        }
        PendingQueries.Pending waiting = pending.add(node);
        byte[] datagram = Krpc.query(waiting.transaction(), self, query, true);
        String failure;
        try {
            failure = channel.send(ByteBuffer.wrap(datagram), node) > 0 ? null : "send buffer full";
        } catch (IOException | RuntimeException e) {
            failure = Problems.describe(e, "send failed");
        }
        if (failure != null) {
            pending.unsent(waiting);
            return Either.left(failure);
        }
        pending.sent(waiting, timeout);
        return Either.right(waiting.outcome());
    }

    /** Datagrams dropped so far: malformed, unexpected, from the wrong address, or queries to us. */
    public long ignoredDatagrams() {
        return ignored.get();
    }

    /** Releases the sockets and the receiver thread; queries still waiting end as {@link QueryOutcome.NoReply}. */
    @Override
    public void close() {
        Thread thread;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            thread = receiver;
            if (selector != null) {
                selector.wakeup();
            }
            for (DatagramChannel channel : channels.values()) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // Closing only releases the descriptor; nothing is left to undo.
                }
            }
        }
        pending.endAll("DHT client closed");
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private DatagramChannel bind(AddressFamily family) throws IOException {
        ProtocolFamily protocol =
                family == AddressFamily.IPV4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
        DatagramChannel channel = DatagramChannel.open(protocol);
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
            channel.bind(new InetSocketAddress(bindings.get(family), 0));
            if (selector == null) {
                selector = Selector.open();
                receiver = new Thread(this::receive, "peerscout-dht-receiver");
                receiver.setDaemon(true);
                receiver.start();
            }
            channel.register(selector, SelectionKey.OP_READ);
            selector.wakeup();
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private void receive() {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        Selector sel;
        synchronized (this) {
            sel = selector;
        }
        try (sel) {
            while (!closed) {
                sel.select();
                Iterator<SelectionKey> keys = sel.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (key.isValid()) {
                        drain((DatagramChannel) key.channel(), buffer);
                    }
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            // The selector failed: queries still waiting end by their timeouts.
        }
    }

    /** Reads what is queued on one socket (a bounded batch, so the other socket gets its turn). */
    private void drain(DatagramChannel channel, ByteBuffer buffer) {
        for (int i = 0; i < 64; i++) {
            buffer.clear();
            SocketAddress from;
            try {
                from = channel.receive(buffer);
            } catch (IOException e) {
                // An unconnected socket reports nothing lasting here; a closed one stops the loop.
                return;
            }
            if (from == null) {
                return;
            }
            onDatagram((InetSocketAddress) from, buffer.array(), buffer.position());
        }
    }

    private void onDatagram(InetSocketAddress from, byte[] datagram, int length) {
        Either<String, Message> decoded = Krpc.decode(datagram, length);
        if (decoded.isLeft() || decoded.get() instanceof Message.Request) {
            ignored.incrementAndGet();
            return;
        }
        if (!pending.match(decoded.get(), from)) {
            ignored.incrementAndGet();
        }
    }
}
