package dev.peerscout.domain.probe;

import dev.peerscout.domain.discovery.DiscoveryListener;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.probe.ProbeResult;

/** Hears of discovery and of each probe's outcome; calls are serialised, keep them short. */
public interface ProbeListener extends DiscoveryListener {

    /** A probe ended (or a peer was skipped); once per peer. */
    default void probed(Peer peer, ProbeResult result) {}
}
