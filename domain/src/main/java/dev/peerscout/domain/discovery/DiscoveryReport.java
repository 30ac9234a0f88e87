package dev.peerscout.domain.discovery;

import dev.peerscout.domain.model.InfoHashes;
import dev.peerscout.domain.port.PeerSource;
import java.time.Duration;
import java.util.List;

/**
 * The result of one discovery: every distinct peer, one report per tracker in tier order, and a
 * summary per peer source that was asked (none for private torrents or with the DHT off).
 *
 * @param enoughPeers discovery stopped early because {@code minPeers} distinct peers were known
 */
public record DiscoveryReport(
        InfoHashes hashes,
        List<DiscoveredPeer> peers,
        List<TrackerReport> trackers,
        List<PeerSource.Summary> sources,
        Duration elapsed,
        boolean enoughPeers) {

    public DiscoveryReport {
        peers = List.copyOf(peers);
        trackers = List.copyOf(trackers);
        sources = List.copyOf(sources);
    }
}
