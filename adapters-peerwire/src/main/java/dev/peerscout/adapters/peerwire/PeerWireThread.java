package dev.peerscout.adapters.peerwire;

import dev.peerscout.adapters.peerwire.transport.Connections;
import dev.peerscout.adapters.peerwire.transport.Conversation;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.time.Scheduler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;

/**
 * The peer wire's one selector thread, which probes ({@link PeerWireProber}) and metadata fetches
 * ({@link PeerWireMetadata}) share, with the clock and settings they go by. A request's deadline is
 * on the injected clock; its connection keeps its own monotonic time from then on.
 */
public final class PeerWireThread implements AutoCloseable {
    private final Scheduler scheduler;
    private final PeerWireConfig config;
    private final Connections connections;

    /** Starts the thread. */
    public PeerWireThread(Scheduler scheduler, PeerWireConfig config) {
        this.scheduler = scheduler;
        this.config = config;
        this.connections = new Connections("peerwire");
    }

    /** Makes a conversation from when it starts and its hard deadline, both {@link System#nanoTime()}. */
    interface Start {
        Conversation conversation(long now, long hardDeadline);
    }

    PeerWireConfig config() {
        return config;
    }

    /** Connects to {@code peer} for the conversation {@code start} makes; false if no time is left. */
    boolean open(Peer peer, Instant deadline, Start start) {
        Duration left = Duration.between(scheduler.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            return false;
        }
        long now = System.nanoTime();
        connections.open(
                new InetSocketAddress(peer.address(), peer.port()), start.conversation(now, now + left.toNanos()));
        return true;
    }

    /** Connections open now. */
    public int openConnections() {
        return connections.openCount();
    }

    @Override
    public void close() {
        connections.close();
    }
}
