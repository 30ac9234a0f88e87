package dev.peerscout.adapters.udp.transport;

import dev.peerscout.adapters.udp.protocol.Reply;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * One tracker address: a datagram channel connected to it, and the exchanges in flight there,
 * found by transaction id. Connecting the channel means the kernel drops datagrams from anyone
 * else and reports ICMP "port unreachable", which ends every exchange here at once.
 *
 * <p>At most {@code maxInFlight} exchanges have a datagram outstanding; the rest wait in order, so
 * a burst of thousands of requests does not overflow the tracker's receive buffer. The channel
 * closes after being idle for a while (a later request opens a new one).
 *
 * <p>State is guarded by this object's monitor: enter through {@link #locked}. Outcome futures
 * complete after the monitor is released, so callers' callbacks never run under it.
 */
final class Endpoint {
    private final InetSocketAddress remote;
    private final AddressFamily family;
    private final DatagramChannel channel;
    private final IntSupplier transactionIds;
    private final Duration idleTimeout;
    private final int maxInFlight;
    private final Consumer<Endpoint> onClosed;

    private final Map<Integer, Exchange<?>> byTransaction = new HashMap<>();
    private final Set<Exchange<?>> active = new LinkedHashSet<>();
    private final ArrayDeque<Exchange<?>> queued = new ArrayDeque<>();
    private final Map<TrackerKey, Exchange<?>> connecting = new HashMap<>();
    private final Map<TrackerKey, List<Exchange<?>>> parked = new HashMap<>();
    private final List<Runnable> afterUnlock = new ArrayList<>();
    private int depth;
    private boolean closed;
    private final TimerQueue timers;
    private TimerQueue.Timer idleTimer;

    Endpoint(InetSocketAddress remote, DatagramChannel channel, IntSupplier transactionIds, Scheduler scheduler,
            Duration idleTimeout, int maxInFlight, Consumer<Endpoint> onClosed) {
        this.remote = remote;
        this.family = AddressFamily.of(remote.getAddress());
        this.channel = channel;
        this.transactionIds = transactionIds;
        this.idleTimeout = idleTimeout;
        this.maxInFlight = maxInFlight;
        this.onClosed = onClosed;
        this.timers = new TimerQueue(scheduler, this::locked);
    }

    TimerQueue timers() {
        return timers;
    }

    DatagramChannel channel() {
        return channel;
    }

    /** Runs {@code action} under the monitor, then completes what it finished. */
    void locked(Runnable action) {
        List<Runnable> done = List.of();
        synchronized (this) {
            depth++;
            try {
                action.run();
            } finally {
                depth--;
                if (depth == 0 && !afterUnlock.isEmpty()) {
                    done = new ArrayList<>(afterUnlock);
                    afterUnlock.clear();
                }
            }
        }
        done.forEach(Runnable::run);
    }

    void afterUnlock(Runnable completion) {
        afterUnlock.add(completion);
    }

    /** Takes an exchange in, or returns false when this endpoint has closed (open a new one). */
    boolean admit(Exchange<?> exchange) {
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
    int newTransaction(Exchange<?> exchange, int previous) {
        byTransaction.remove(previous, exchange);
        int id;
        do {
            id = transactionIds.getAsInt();
        } while (byTransaction.containsKey(id));
        byTransaction.put(id, exchange);
        return id;
    }

    void dropTransaction(Exchange<?> exchange, int transactionId) {
        byTransaction.remove(transactionId, exchange);
    }

    /**
     * True if {@code exchange} may send a connect for {@code key}; false if another exchange is
     * connecting already, in which case this one is parked until that connect ends.
     */
    boolean leadConnect(TrackerKey key, Exchange<?> exchange) {
        Exchange<?> leader = connecting.putIfAbsent(key, exchange);
        if (leader == null || leader == exchange) {
            return true;
        }
        parked.computeIfAbsent(key, k -> new ArrayList<>()).add(exchange);
        return false;
    }

    /** The connect for {@code key} got an id or gave up: parked exchanges carry on. */
    void connectEnded(TrackerKey key, Exchange<?> leader) {
        if (connecting.remove(key, leader)) {
            List<Exchange<?>> waiting = parked.remove(key);
            if (waiting != null) {
                waiting.forEach(Exchange::begin);
            }
        }
    }

    void unpark(TrackerKey key, Exchange<?> exchange) {
        List<Exchange<?>> waiting = parked.get(key);
        if (waiting != null) {
            waiting.remove(exchange);
        }
    }

    /** Hands a datagram to the OS; false if it was not sent (full buffer, or the socket failed). */
    boolean send(byte[] datagram) {
        if (closed) {
            return false;
        }
        try {
            return channel.write(ByteBuffer.wrap(datagram)) > 0;
        } catch (IOException e) {
            broken(e);
            return false;
        }
    }

    /** Dispatches a datagram by transaction id; strays and strangers are ignored. */
    void onDatagram(SocketAddress from, ByteBuffer datagram) {
        if (closed || !isRemote(from)) {
            return;
        }
        Option<Reply.Header> header = Reply.header(datagram);
        if (header.isEmpty()) {
            return;
        }
        Exchange<?> exchange = byTransaction.get(header.get().transactionId());
        if (exchange != null) {
            exchange.onReply(header.get().action(), datagram, family);
        }
    }

    /**
     * The connected socket already filters by sender; this is the second check, by address bytes
     * and port so an IPv6 scope id cannot make the tracker look like a stranger.
     */
    private boolean isRemote(SocketAddress from) {
        return from instanceof InetSocketAddress sender && sender.getPort() == remote.getPort()
                && Arrays.equals(sender.getAddress().getAddress(), remote.getAddress().getAddress());
    }

    /** An exchange ended: free its transaction id and slot, and let a waiting one start. */
    void retire(Exchange<?> exchange, int transactionId, boolean wasQueued) {
        byTransaction.remove(transactionId, exchange);
        if (wasQueued) {
            queued.remove(exchange);
        } else if (active.remove(exchange)) {
            while (!closed && active.size() < maxInFlight && !queued.isEmpty()) {
                Exchange<?> next = queued.poll();
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
        shutdown(describe(error));
    }

    /** Ends every exchange here as unreachable and releases the socket. */
    void shutdown(String detail) {
        if (closed) {
            return;
        }
        closed = true;
        List<Exchange<?>> all = new ArrayList<>(active);
        all.addAll(queued);
        all.forEach(exchange -> exchange.unreachable(detail));
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
        idleTimer = timers.schedule(idleTimeout, () -> {
            if (active.isEmpty() && queued.isEmpty()) {
                shutdown("idle");
            }
        });
    }

    private String describe(IOException error) {
        String where = (family == AddressFamily.IPV6 ? "[" + remote.getAddress().getHostAddress() + "]"
                : remote.getAddress().getHostAddress()) + ":" + remote.getPort();
        if (error instanceof PortUnreachableException) {
            return "ICMP port unreachable from " + where;
        }
        String message = error.getMessage();
        return where + ": " + (message == null ? error.getClass().getSimpleName() : message);
    }
}
