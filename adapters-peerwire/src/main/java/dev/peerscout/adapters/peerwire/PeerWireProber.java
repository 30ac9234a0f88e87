package dev.peerscout.adapters.peerwire;

import dev.peerscout.adapters.peerwire.transport.Connections;
import dev.peerscout.domain.port.PeerWire;
import dev.peerscout.domain.model.probe.ProbeRequest;
import dev.peerscout.domain.model.probe.ProbeResult;
import dev.peerscout.domain.model.probe.ProbeStatus;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Option;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The peer wire adapter: probes peers over plaintext TCP (BEP 3, 6, 10, 11, 52), all of them on
 * one selector thread. The deadline of a request is on the injected clock; the connections keep
 * their own monotonic time from then on.
 */
public final class PeerWireProber implements PeerWire, AutoCloseable {
    private final Scheduler scheduler;
    private final PeerWireConfig config;
    private final Connections connections;

    public PeerWireProber(Scheduler scheduler, PeerWireConfig config) {
        this.scheduler = scheduler;
        this.config = config;
        this.connections = new Connections("peerwire");
    }

    @Override
    public CompletableFuture<ProbeResult> probe(ProbeRequest request) {
        CompletableFuture<ProbeResult> result = new CompletableFuture<>();
        Duration left = Duration.between(scheduler.now(), request.deadline());
        if (left.isNegative() || left.isZero()) {
            result.complete(ProbeResult.failed(ProbeStatus.TIMEOUT, "no time left before the deadline", Option.none()));
            return result;
        }
        long now = System.nanoTime();
        PeerProbe probe = new PeerProbe(request, config, result, now, now + left.toNanos());
        connections.open(new InetSocketAddress(request.peer().address(), request.peer().port()), probe);
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
