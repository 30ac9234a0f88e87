package dev.peerscout.domain.discovery;

import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.TrackerUrl;

/**
 * Hears about discovery as it happens. Calls are serialised (never two at once), in the order
 * things happened, and come from whatever thread delivered the news: keep them short.
 */
public interface DiscoveryListener {

    /** A peer no tracker had named before. */
    default void peerFound(Peer peer, TrackerUrl source) {}

    /** A tracker reached its one outcome. */
    default void trackerFinished(TrackerReport report) {}

    DiscoveryListener NONE = new DiscoveryListener() {};
}
