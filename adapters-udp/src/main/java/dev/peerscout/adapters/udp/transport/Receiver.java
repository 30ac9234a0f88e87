package dev.peerscout.adapters.udp.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;

/**
 * The one thread that reads from every tracker socket: a selector over all endpoints' channels and
 * a single 64 KiB buffer (larger than any UDP datagram), decoded in place before the next read.
 */
final class Receiver implements AutoCloseable {
    /** Datagrams read from one socket before looking at the others again. */
    private static final int BATCH = 64;

    private static final int MAX_DATAGRAM = 64 * 1024;

    private final Selector selector;
    private final Thread thread;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private volatile boolean running = true;

    Receiver() throws IOException {
        selector = Selector.open();
        thread = new Thread(this::run, "peerscout-udp-receiver");
        thread.setDaemon(true);
        thread.start();
    }

    void register(DatagramChannel channel, Endpoint endpoint) throws IOException {
        channel.register(selector, SelectionKey.OP_READ, endpoint);
        selector.wakeup();
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try (selector) {
            while (running) {
                selector.select();
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (key.isValid()) {
                        drain((Endpoint) key.attachment());
                    }
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            // The selector itself failed: exchanges in flight still end at their deadlines.
            running = false;
        }
    }

    private void drain(Endpoint endpoint) {
        for (int i = 0; i < BATCH; i++) {
            buffer.clear();
            int length;
            try {
                // read, not receive: the channel is connected, so the sender is known and checked.
                length = endpoint.channel().read(buffer);
            } catch (IOException e) {
                endpoint.withLock(() -> endpoint.broken(e));
                return;
            }
            if (length <= 0) {
                // Nothing waiting (or an empty datagram, which says nothing): the selector calls again.
                return;
            }
            buffer.flip();
            endpoint.deliver(buffer);
        }
    }
}
