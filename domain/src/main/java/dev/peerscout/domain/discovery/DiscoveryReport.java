package dev.peerscout.domain.discovery;

import dev.peerscout.domain.model.InfoHashes;
import java.time.Duration;
import java.util.List;

/**
 * The result of one discovery: every distinct peer, and one report per tracker in tier order.
 *
 * @param enoughPeers discovery stopped early because {@code minPeers} distinct peers were known
 */
public record DiscoveryReport(
        InfoHashes hashes, List<DiscoveredPeer> peers, List<TrackerReport> trackers, Duration elapsed,
        boolean enoughPeers) {

    public DiscoveryReport {
        peers = List.copyOf(peers);
        trackers = List.copyOf(trackers);
    }
}
