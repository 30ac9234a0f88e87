package dev.peerscout.adapters.udp.transport;

import dev.peerscout.adapters.udp.protocol.Reply;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.IpAddresses;
import dev.peerscout.domain.model.Problems;
import dev.peerscout.domain.time.Scheduler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * One tracker address: a datagram channel connected to it, and the exchanges in flight there,
 * found by transaction id. Connecting the channel means the kernel drops datagrams from anyone
 * else (Java's {@code DatagramChannel} promises the same of a connected channel on every platform)
 * and reports ICMP "port unreachable", which ends every exchange here at once.
 *
 * <p>At most {@code maxInFlight} exchanges have a datagram outstanding; the rest wait in order, so
 * a burst of thousands of requests does not overflow the tracker's receive buffer. The channel
 * closes after being idle for a while (a later request opens a new one).
 *
 * <p>State is guarded by this object's monitor: enter through {@link #withLock} (or {@link #deliver}
 * and {@link #admit}, the two hot paths); every other method expects the monitor held, and one
 * with a twin that takes it ends in {@code Locked}. Outcome futures complete after the monitor is
 * released, so callers' callbacks never run under it.
 */
final class Endpoint {
    /** Larger than any request we send but one with a very long BEP 41 URL, which gets a buffer of its own. */
    private static final int OUTGOING_BUFFER = 2048;

    private static final Exchange<?, ?>[] NONE = new Exchange<?, ?>[0];

    private final InetSocketAddress remote;
    private final AddressFamily family;
    private final DatagramChannel channel;
    private final IntSupplier transactionIds;
    private final Duration idleTimeout;
    private final int maxInFlight;
    private final Consumer<Endpoint> onClosed;

    private final TransactionTable byTransaction = new TransactionTable();
    /** By identity, in a flat table: a request passes through here and allocates nothing. */
    private final Set<Exchange<?, ?>> active = Collections.newSetFromMap(new IdentityHashMap<>());

    private final ArrayDeque<Exchange<?, ?>> queued = new ArrayDeque<>();
    private final ConnectLeaders connects = new ConnectLeaders();
    /** Exchanges that ended under the monitor; their futures complete once it is released. */
    private final List<Exchange<?, ?>> finished = new ArrayList<>();
    /** Datagrams are copied here to be sent: the channel would copy a heap array to a buffer like it anyway. */
    private final ByteBuffer outgoing = ByteBuffer.allocateDirect(OUTGOING_BUFFER);

    private int depth;
    private boolean closed;
    private final TimerQueue timers;
    private TimerQueue.Timer idleTimer;

    Endpoint(
            InetSocketAddress remote,
            DatagramChannel channel,
            IntSupplier transactionIds,
            Scheduler scheduler,
            Duration idleTimeout,
            int maxInFlight,
            Consumer<Endpoint> onClosed) {
        this.remote = remote;
        this.family = AddressFamily.of(remote.getAddress());
        this.channel = channel;
        this.transactionIds = transactionIds;
        this.idleTimeout = idleTimeout;
        this.maxInFlight = maxInFlight;
        this.onClosed = onClosed;
        this.timers = new TimerQueue(scheduler, this::withLock);
    }

    TimerQueue timers() {
        return timers;
    }

    DatagramChannel channel() {
        return channel;
    }

    /** Runs {@code action} under the monitor, then completes what it finished. */
    void withLock(Runnable action) {
        Exchange<?, ?>[] done;
        synchronized (this) {
            depth++;
            try {
                action.run();
            } finally {
                done = leaving();
            }
        }
        complete(done);
    }

    /** {@link #onDatagramLocked} under the monitor: the receiver's path, without a lambda per datagram. */
    void deliver(ByteBuffer datagram) {
        Exchange<?, ?>[] done;
        synchronized (this) {
            depth++;
            try {
                onDatagramLocked(datagram);
            } finally {
                done = leaving();
            }
        }
        complete(done);
    }

    /** {@link #admitLocked} under the monitor: every request's way in. */
    boolean admit(Exchange<?, ?> exchange) {
        Exchange<?, ?>[] done;
        boolean admitted;
        synchronized (this) {
            depth++;
            try {
                admitted = admitLocked(exchange);
            } finally {
                done = leaving();
            }
        }
        complete(done);
        return admitted;
    }

    /** Called under the monitor by an exchange that has its result. */
    void finished(Exchange<?, ?> exchange) {
        finished.add(exchange);
    }

    /** Leaves one level of the monitor; on the outermost, takes the exchanges to complete. */
    private Exchange<?, ?>[] leaving() {
        depth--;
        if (depth > 0 || finished.isEmpty()) {
            return NONE;
        }
        Exchange<?, ?>[] done = finished.toArray(NONE);
        finished.clear();
        return done;
    }

    private static void complete(Exchange<?, ?>[] done) {
        for (Exchange<?, ?> exchange : done) {
            exchange.complete();
        }
    }

    /** Takes an exchange in, or returns false when this endpoint has closed (open a new one). */
    private boolean admitLocked(Exchange<?, ?> exchange) {
        if (closed) {
            return false;
        }
        timers.cancel(idleTimer);
        if (exchange.isPastDeadline()) {
            exchange.expire();
            return true;
        }
        exchange.armDeadline();
        if (active.size() < maxInFlight) {
            active.add(exchange);
            exchange.begin();
        } else {
            queued.add(exchange);
        }
        return true;
    }

    /** A fresh transaction id for {@code exchange}; its previous one stops matching. */
    int newTransaction(Exchange<?, ?> exchange, int previous) {
        byTransaction.remove(previous, exchange);
        int id;
        do {
            id = transactionIds.getAsInt();
        } while (byTransaction.contains(id));
        byTransaction.put(id, exchange);
        return id;
    }

    void dropTransaction(Exchange<?, ?> exchange, int transactionId) {
        byTransaction.remove(transactionId, exchange);
    }

    /** Who sends the connect for each tracker key here, and who waits for it. */
    ConnectLeaders connects() {
        return connects;
    }

    /** Hands a datagram to the OS; false if it was not sent (full buffer, or the socket failed). */
    boolean send(byte[] datagram) {
        if (closed) {
            return false;
        }
        try {
            ByteBuffer out = datagram.length <= outgoing.capacity()
                    ? outgoing.clear().put(datagram).flip()
                    : ByteBuffer.wrap(datagram);
            return channel.write(out) > 0;
        } catch (IOException e) {
            broken(e);
            return false;
        }
    }

    /**
     * Dispatches a datagram by transaction id; strays are ignored. It can only be from the tracker:
     * a connected channel receives from its peer alone.
     */
    private void onDatagramLocked(ByteBuffer datagram) {
        if (closed || datagram.remaining() < Reply.HEADER_LENGTH) {
            return;
        }
        // The header read in place (Reply.header's record would be made for every datagram).
        Exchange<?, ?> exchange = byTransaction.get(Reply.transactionIdOf(datagram));
        if (exchange != null) {
            exchange.onReply(Reply.actionOf(datagram), datagram, family);
        }
    }

    /** An exchange ended: free its transaction id and slot, and let a waiting one start. */
    void retire(Exchange<?, ?> exchange, int transactionId, boolean wasQueued) {
        byTransaction.remove(transactionId, exchange);
        if (wasQueued) {
            queued.remove(exchange);
        } else if (active.remove(exchange)) {
            while (!closed && active.size() < maxInFlight && !queued.isEmpty()) {
                Exchange<?, ?> next = queued.poll();
                active.add(next);
                next.begin();
            }
        }
        if (!closed && active.isEmpty() && queued.isEmpty()) {
            closeWhenIdle();
        }
    }

    /** The socket reported an error: nothing will come back from this address. */
    void broken(IOException error) {
        shutdown(describe(error), error instanceof PortUnreachableException);
    }

    /** Ends every exchange here as unreachable and releases the socket. */
    void shutdown(String detail) {
        shutdown(detail, false);
    }

    /** @param refused the tracker's host said nothing listens there (ICMP port unreachable) */
    private void shutdown(String detail, boolean refused) {
        if (closed) {
            return;
        }
        closed = true;
        List<Exchange<?, ?>> all = new ArrayList<>(active);
        all.addAll(queued);
        all.forEach(exchange -> exchange.unreachable(detail, refused));
        timers.clear();
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a datagram channel only releases its descriptor: nothing is left to undo.
        }
        onClosed.accept(this);
    }

    private void closeWhenIdle() {
        timers.cancel(idleTimer);
        idleTimer = timers.after(idleTimeout, () -> {
            if (active.isEmpty() && queued.isEmpty()) {
                shutdown("idle");
            }
        });
    }

    private String describe(IOException error) {
        String where = IpAddresses.withPort(remote.getAddress(), remote.getPort());
        if (error instanceof PortUnreachableException) {
            return "ICMP port unreachable from " + where;
        }
        String message = error.getMessage();
        return where + ": " + (message == null ? Problems.describe(error, "socket error") : message);
    }
}
