package dev.peerscout.adapters.peerwire;

import dev.peerscout.domain.model.probe.ProbeRequest;
import dev.peerscout.domain.model.probe.ProbeResult;
import dev.peerscout.domain.model.probe.ProbeStatus;
import dev.peerscout.domain.port.PeerWire;
import io.vavr.control.Option;
import java.util.concurrent.CompletableFuture;

/** The peer wire adapter: probes peers over plaintext TCP (BEP 3, 6, 10, 11, 52) on the peer wire's thread. */
public final class PeerWireProber implements PeerWire {
    private final PeerWireThread thread;

    public PeerWireProber(PeerWireThread thread) {
        this.thread = thread;
    }

    @Override
    public CompletableFuture<ProbeResult> probe(ProbeRequest request) {
        CompletableFuture<ProbeResult> result = new CompletableFuture<>();
        if (!thread.open(
                request.peer(),
                request.deadline(),
                (now, hardDeadline) -> new PeerProbe(request, thread.config(), result, now, hardDeadline))) {
            result.complete(ProbeResult.failed(ProbeStatus.TIMEOUT, "no time left before the deadline", Option.none()));
        }
        return result;
    }
}
