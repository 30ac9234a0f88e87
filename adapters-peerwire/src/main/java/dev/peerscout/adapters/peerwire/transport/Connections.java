package dev.peerscout.adapters.peerwire.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Every peer connection of the process on one non-blocking selector thread: no thread per peer.
 * Each connection has a read buffer that starts small and grows only to what its conversation
 * says the next unit needs (which the conversation has bounded), and a queue of bytes to send.
 */
public final class Connections implements AutoCloseable {
    /** Enough for a handshake, an extension handshake and a small bitfield. */
    static final int INITIAL_BUFFER = 1024;
    /** Deadlines are checked at least this often, and a scan of every connection costs at most once per this. */
    private static final long SCAN_INTERVAL = TimeUnit.MILLISECONDS.toNanos(10);

    private final Selector selector;
    private final Thread thread;
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final Set<Connection> open = new HashSet<>();
    private volatile boolean closed;
    private volatile int openCount;

    public Connections(String threadName) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Connects to {@code address} and lets {@code conversation} talk; safe from any thread. */
    public void open(InetSocketAddress address, Conversation conversation) {
        pending.add(new Pending(address, conversation));
        selector.wakeup();
    }

    /** Connections open now (for tests and bounds). */
    public int openCount() {
        return openCount;
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
    }

    private record Pending(InetSocketAddress address, Conversation conversation) {}

    private void loop() {
        long nextScan = System.nanoTime();
        try {
            while (!closed) {
                startPending();
                long now = System.nanoTime();
                long wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextScan - now) + 1);
                selector.select(wait);
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection connection = (Connection) key.attachment();
                    try {
                        connection.ready(key);
                    } catch (CancelledKeyException e) {
                        connection.close();
                    } catch (RuntimeException bug) {
                        connection.fail(new IOException("internal error: " + bug, bug));
                    }
                }
                selector.selectedKeys().clear();
                now = System.nanoTime();
                if (now - nextScan >= 0) {
                    nextScan = scan(now);
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            // the selector broke: every open conversation ends below
        } finally {
            for (Connection connection : List.copyOf(open)) {
                connection.fail(new IOException("the connection thread stopped"));
            }
            Pending p;
            while ((p = pending.poll()) != null) {
                p.conversation()
                        .ended(NO_WIRE, new IOException("the connection thread stopped"), false, System.nanoTime());
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }

    /** Deadlines and abandoned conversations; returns when to scan next. */
    private long scan(long now) {
        long next = now + SCAN_INTERVAL * 50;
        for (Connection connection : List.copyOf(open)) {
            if (!connection.isOpen()) {
                continue;
            }
            if (connection.conversation.abandoned()) {
                connection.close();
                continue;
            }
            if (now - connection.conversation.deadline() >= 0) {
                connection.conversation.timedOut(connection, now);
            }
            if (connection.isOpen()) {
                next = Math.min(next, connection.conversation.deadline());
            }
        }
        return Math.max(next, now + SCAN_INTERVAL);
    }

    private void startPending() {
        Pending p;
        while ((p = pending.poll()) != null) {
            if (p.conversation().abandoned()) {
                continue;
            }
            Connection connection = null;
            try {
                SocketChannel channel = SocketChannel.open();
                connection = new Connection(channel, p.conversation(), this::released);
                open.add(connection);
                openCount = open.size();
                channel.configureBlocking(false);
                boolean now = channel.connect(p.address());
                connection.key =
                        channel.register(selector, now ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, connection);
                if (now) {
                    p.conversation().connected(connection, System.nanoTime());
                }
            } catch (IOException | RuntimeException e) {
                IOException failure = e instanceof IOException io
                        ? io
                        : new IOException(
                                e.getMessage() == null ? "cannot connect to this address" : e.getMessage(), e);
                if (connection != null) {
                    connection.fail(failure);
                } else {
                    p.conversation().ended(NO_WIRE, failure, false, System.nanoTime());
                }
            }
        }
    }

    /** A connection ended: it no longer counts as open. */
    private void released(Connection connection) {
        open.remove(connection);
        openCount = open.size();
    }

    private static final Conversation.Wire NO_WIRE = new Conversation.Wire() {
        @Override
        public void send(byte[] bytes) {}

        @Override
        public void close() {}
    };
}
