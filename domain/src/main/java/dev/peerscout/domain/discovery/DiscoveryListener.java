package dev.peerscout.domain.discovery;

import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.port.PeerSource;

/**
 * Hears about discovery as it happens. Calls are serialised (never two at once), in the order
 * things happened, and come from whatever thread delivered the news: keep them short.
 */
public interface DiscoveryListener {

    /** A peer no tracker or source had named before. */
    default void peerFound(Peer peer, PeerOrigin origin) {}

    /** A tracker reached its one outcome. */
    default void trackerFinished(TrackerReport report) {}

    /** A peer source (the DHT) finished its search. */
    default void sourceFinished(PeerSource.Summary summary) {}

    DiscoveryListener NONE = new DiscoveryListener() {};
}
