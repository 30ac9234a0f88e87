package dev.peerscout.domain.discovery;

import dev.peerscout.domain.model.Peer;
import java.util.List;

/** A distinct peer and every origin (tracker or DHT) that named it, in the order they did. */
public record DiscoveredPeer(Peer peer, List<PeerOrigin> sources) {

    public DiscoveredPeer {
        sources = List.copyOf(sources);
    }
}
