package dev.peerscout.adapters.peerwire;

import dev.peerscout.adapters.peerwire.transport.Connections;
import dev.peerscout.domain.model.metadata.MetadataAttempt;
import dev.peerscout.domain.model.metadata.MetadataRequest;
import dev.peerscout.domain.model.metadata.MetadataStatus;
import dev.peerscout.domain.port.MetadataWire;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Option;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The metadata side of the peer wire adapter (BEP 9): every fetch on one selector thread of its
 * own. The deadline of a request is on the injected clock; the connections keep their own
 * monotonic time from then on.
 */
public final class PeerWireMetadata implements MetadataWire, AutoCloseable {
    private final Scheduler scheduler;
    private final PeerWireConfig config;
    private final Connections connections;

    public PeerWireMetadata(Scheduler scheduler, PeerWireConfig config) {
        this.scheduler = scheduler;
        this.config = config;
        this.connections = new Connections("metadata");
    }

    @Override
    public CompletableFuture<MetadataAttempt> fetch(MetadataRequest request) {
        CompletableFuture<MetadataAttempt> result = new CompletableFuture<>();
        Duration left = Duration.between(scheduler.now(), request.deadline());
        if (left.isNegative() || left.isZero()) {
            result.complete(MetadataAttempt.failed(MetadataStatus.TIMEOUT, "no time left before the deadline", false, Option.none()));
            return result;
        }
        long now = System.nanoTime();
        connections.open(new InetSocketAddress(request.peer().address(), request.peer().port()),
                new MetadataFetch(request, config, result, now, now + left.toNanos()));
        return result;
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
