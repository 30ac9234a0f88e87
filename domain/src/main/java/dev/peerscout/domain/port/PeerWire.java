package dev.peerscout.domain.port;

import dev.peerscout.domain.model.probe.ProbeRequest;
import dev.peerscout.domain.model.probe.ProbeResult;
import java.util.concurrent.CompletableFuture;

/**
 * Talks to one peer of a swarm over the peer wire protocol (BEP 3): connects, exchanges
 * handshakes, listens to what the peer says about itself, and leaves without asking for data.
 */
public interface PeerWire {

    /**
     * Probes one peer. The future completes by the request's deadline (on the injected clock) and
     * never exceptionally: every outcome is a {@link ProbeResult}. Cancelling it closes the
     * connection soon after.
     */
    CompletableFuture<ProbeResult> probe(ProbeRequest request);
}
