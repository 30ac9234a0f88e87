package dev.peerscout.domain.discovery;

import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.TrackerUrl;
import java.util.List;

/** A distinct peer and every tracker that named it, in the order they did. */
public record DiscoveredPeer(Peer peer, List<TrackerUrl> sources) {

    public DiscoveredPeer {
        sources = List.copyOf(sources);
    }
}
