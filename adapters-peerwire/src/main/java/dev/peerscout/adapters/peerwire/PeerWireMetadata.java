package dev.peerscout.adapters.peerwire;

import dev.peerscout.domain.model.metadata.MetadataAttempt;
import dev.peerscout.domain.model.metadata.MetadataRequest;
import dev.peerscout.domain.model.metadata.MetadataStatus;
import dev.peerscout.domain.port.MetadataWire;
import io.vavr.control.Option;
import java.util.concurrent.CompletableFuture;

/** The metadata side of the peer wire adapter (BEP 9): every fetch on the peer wire's thread. */
public final class PeerWireMetadata implements MetadataWire {
    private final PeerWireThread thread;

    public PeerWireMetadata(PeerWireThread thread) {
        this.thread = thread;
    }

    @Override
    public CompletableFuture<MetadataAttempt> fetch(MetadataRequest request) {
        CompletableFuture<MetadataAttempt> result = new CompletableFuture<>();
        if (!thread.open(
                request.peer(),
                request.deadline(),
                (now, hardDeadline) -> new MetadataFetch(request, thread.config(), result, now, hardDeadline))) {
            result.complete(MetadataAttempt.failed(
                    MetadataStatus.TIMEOUT, "no time left before the deadline", false, Option.none()));
        }
        return result;
    }
}
