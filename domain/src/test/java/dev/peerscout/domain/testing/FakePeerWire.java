package dev.peerscout.domain.testing;

import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.probe.ProbeRequest;
import dev.peerscout.domain.model.probe.ProbeResult;
import dev.peerscout.domain.model.probe.ProbeStatus;
import dev.peerscout.domain.port.PeerWire;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A peer wire whose outcomes the test decides: each peer answers with its scripted result at
 * once, or is left pending until the test completes it ({@link #pending}). Unscripted peers are
 * refused. Records every request.
 */
public final class FakePeerWire implements PeerWire {
    private final Map<Peer, ProbeResult> scripted = new HashMap<>();
    private final Map<Peer, CompletableFuture<ProbeResult>> held = new HashMap<>();
    private final List<ProbeRequest> requests = new ArrayList<>();

    public synchronized FakePeerWire answer(Peer peer, ProbeResult result) {
        scripted.put(peer, result);
        return this;
    }

    /** The peer's probe stays open until the test completes the returned future. */
    public synchronized CompletableFuture<ProbeResult> hold(Peer peer) {
        return held.computeIfAbsent(peer, p -> new CompletableFuture<>());
    }

    @Override
    public synchronized CompletableFuture<ProbeResult> probe(ProbeRequest request) {
        requests.add(request);
        CompletableFuture<ProbeResult> waiting = held.get(request.peer());
        if (waiting != null) {
            return waiting;
        }
        return CompletableFuture.completedFuture(scripted.getOrDefault(
                request.peer(), ProbeResult.failed(ProbeStatus.REFUSED, "connection refused", Option.none())));
    }

    public synchronized List<ProbeRequest> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<Peer> probed() {
        return requests.stream().map(ProbeRequest::peer).toList();
    }
}
